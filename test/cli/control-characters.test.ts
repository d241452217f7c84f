/**
 * A file name or URL the user typed (or a script passed on) reaches the terminal with its control characters
 * written as \xNN: an ESC sequence in it can neither recolour nor clear the screen, a line break cannot fake an
 * output line. The text report does this for findings (test/report/writers); these are the command's own lines.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { memoryIO } from '../support/memory-io.js';
import { rewrite, startProxied, type Doc } from '../../conformance/mutants/proxy.js';

async function run(argv: string[]): Promise<{ code: number; text: string }> {
  const io = memoryIO();
  const code = await cli(argv, io);
  return { code, text: io.out.join('') + io.err.join('') };
}

const NAME = 'bad\u001b[31mred\u0007\nfake.yaml';
const SHOWN = 'bad\\x1b[31mred\\x07\\x0afake.yaml';
const REQUEST = 'spec/examples/valid/request-notebook-simple.yaml';
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('control characters in names are escaped in what commands print', () => {
  it.each([
    ['validate', ['validate', NAME]],
    ['offers', ['offers', NAME, '--broker', 'http://127.0.0.1:9']],
    ['migrate', ['migrate', NAME]],
    ['compose', ['compose', NAME]],
  ])('%s: an unreadable file is named with \\xNN escapes', async (_n, argv) => {
    const r = await run(argv);
    expect(r.code).not.toBe(0);
    expect(r.text).toContain(SHOWN);
    expect(r.text).not.toMatch(CONTROL);
    expect(r.text).not.toContain('\nfake.yaml');
  });

  it('conformance: a target that is no URL, and one that cannot be reached', async () => {
    const bad = await run(['conformance', 'http://x\u001b[2J/']);
    expect(bad.code).toBe(2);
    expect(bad.text).toContain('"http://x\\x1b[2J/" is not an http(s) URL');
    const gone = await run(['conformance', 'http://127.0.0.1:9/a\u001b[2J/', '--timeout', '2s']);
    expect(gone.code).toBe(2);
    expect(gone.text).toMatch(/EBK_UNREACHABLE: http:\/\/127\.0\.0\.1:9\/a(\\x1b|%1B)\[2J\//);
    expect(bad.text + gone.text).not.toMatch(CONTROL);
  });

  it('offers: a broker URL with control characters is shown escaped', async () => {
    const r = await run(['offers', REQUEST, '--broker', 'http://127.0.0.1:9/\u001b[2J', '--timeout', '2']);
    expect(r.text).not.toMatch(CONTROL);
    expect(r.text).toContain('127.0.0.1:9');
  });

  it('conformance: what a broker puts in its documents cannot drive the terminal, forge a line or flood it', async () => {
    const forged = `x\u001b]0;pwned\u0007\u001b[2J\nPASS fake-check [MUST] all good\r${'A'.repeat(50_000)}`;
    const broker = await startProxied({
      response: (req, res) =>
        rewrite(req, res, (v, type) => {
          if (type === 'offerset') (v['meta'] as Doc)['uuid'] = forged;
        }),
    });
    try {
      const r = await run(['conformance', broker.url, '--classes', 'core', '--deadline', '60']);
      expect(r.text).not.toMatch(CONTROL);
      expect(r.text).not.toMatch(/^PASS fake-check/m);
      expect(r.text).toContain('\\x1b]0;pwned\\x07');
      expect(Math.max(...r.text.split('\n').map((l) => l.length))).toBeLessThan(2_200);
    } finally {
      await broker.close();
    }
  }, 90_000);
});

describe('a server text that accept, cancel and watch print', () => {
  it('shows bidirectional controls as \\uNNNN escapes, not obeyed (a "Trojan source" reorders the line)', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 409,
          error: 'CONFLICT',
          code: 'UPDATE_NOT_OFFERED',
          message: 'refused \u202eelif.exe\u202c \u2066isolated\u2069',
        }),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sessions/00000000-0000-4000-8000-000000000000`;
    try {
      for (const command of ['accept', 'cancel']) {
        const r = await run([command, url]);
        expect(r.code, r.text).not.toBe(0);
        expect(r.text).toContain('refused \\u202eelif.exe\\u202c \\u2066isolated\\u2069');
        expect(r.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      }
    } finally {
      server.close();
    }
  });
});
