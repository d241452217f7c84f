/**
 * No secret of a conformance run in any report, and every report still well-formed: a `--header` value (an API
 * key) is a secret like `--token`, and a short secret that is also a word of the report (`test`, `true`,
 * `status`) is redacted in the values, never in the JSON keys or the XML markup.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/index.js';
import { cli } from '../../src/cli/main.js';
import { memoryIO } from '../support/memory-io.js';
import { escapeMarkup } from '../../src/util/index.js';
import { rewritingProxy } from '../support/rewriting-proxy.js';
import { reportFlags } from '../support/report-flags.js';

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startBroker({ db: ':memory:' });
});
afterAll(async () => {
  await broker.close();
});

const FILES = ['r.json', 'r.xml', 'r.html', 'b.svg', 'b.json'];

async function run(
  extra: string[],
  evidence: 'all' | 'failing' = 'all',
  target = broker.url,
): Promise<{ code: number; outputs: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-secrets-'));
  const io = memoryIO({ cwd: dir });
  const code = await cli(
    ['conformance', target, '--classes', 'vosi,negotiation', '--evidence', evidence, ...reportFlags(), ...extra],
    io,
  );
  return {
    code,
    outputs: {
      stdout: io.out.join(''),
      stderr: io.err.join(''),
      ...Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')])),
    },
  };
}

describe('ebkit conformance: secrets', () => {
  it('a --header value (X-Api-Key) is in no output, the header name still is', async () => {
    const { code, outputs } = await run(['--header', 'X-Api-Key: HdrSecret-h2-777', '--header', 'Accept-Language: en']);
    expect(code, outputs.stderr).toBe(0);
    for (const [name, text] of Object.entries(outputs)) expect(text, name).not.toContain('HdrSecret-h2-777');
    expect(outputs['r.json']).toMatch(/"x-api-key": "<redacted>"/);
    // A header of negotiation says nothing secret and stays readable.
    expect(outputs['r.json']).toMatch(/"accept-language": "en"/);
  });

  for (const [token, evidence] of [
    ['test', 'all'],
    ['status', 'all'],
    ['true', 'failing'],
  ] as const) {
    it(`--token ${token}: every report is written and well-formed, the keys and markup intact`, async () => {
      const { code, outputs } = await run(['--token', token], evidence);
      expect(code, outputs.stderr).toBe(0);
      const report = JSON.parse(outputs['r.json']!) as Record<string, unknown>;
      expect(Object.keys(report)).toEqual(expect.arrayContaining(['tool', 'target', 'summary', 'checks']));
      expect(outputs['r.json']).not.toMatch(/"<redacted>":/);
      expect(JSON.parse(outputs['b.json']!)).toMatchObject({ schemaVersion: 1 });
      expect(XMLValidator.validate(outputs['r.xml']!)).toBe(true);
      expect(outputs['r.xml']).toMatch(/^<\?xml[^>]*>\s*<testsuites /);
      expect(XMLValidator.validate(outputs['b.svg']!)).toBe(true);
      expect(outputs['r.html']).toMatch(/^<!doctype html>/i);
      // The token was sent (Authorization is redacted in the evidence), and its value is in no header shown.
      if (evidence === 'all') expect(outputs['r.json']).toMatch(/"authorization": "<redacted>"/);
      expect(outputs['r.json']).not.toContain(`Bearer ${token}`);
    });
  }

  it('a secret the broker echoes back escaped (JSON \\ \\" \\u, XML &lt; &amp;) is in no output either', async () => {
    const secret = 'Sup<er>"Sec&ret\\4/é';
    // Passes everything through, and echoes the X-Api-Key header in each body: as a JSON member (escaped by
    // JSON.stringify, and again with non-ASCII as \\u escapes, as Python writes) or as XML text.
    const { url, server: echo } = await rewritingProxy(broker.url, (req, text, type) => {
      const key = String(req.headers['x-api-key'] ?? '');
      if (type.includes('json') && text.trimEnd().endsWith('}'))
        return `${text.trimEnd().slice(0, -1)}, "echo": ${JSON.stringify(key)}, "py": "${JSON.stringify(key)
          .slice(1, -1)
          .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"}`;
      if (type.includes('xml')) return text.replace(/(<\/[^>]+>\s*)$/, `<!-- ${escapeMarkup(key)} -->$1`);
      return text;
    });
    try {
      const { outputs } = await run(['--header', `X-Api-Key: ${secret}`, '--allow-origin', broker.url], 'all', url);
      expect(outputs['r.json']).toContain('echo');
      for (const [name, text] of Object.entries(outputs))
        for (const form of [
          secret,
          JSON.stringify(secret).slice(1, -1),
          escapeMarkup(secret),
          'Sec&amp;ret',
          'Sec&ret',
          'ret\\\\4',
          'ret\\\\4/\\u00e9',
        ])
          expect(text, `${name}: ${form}`).not.toContain(form);
    } finally {
      echo.closeAllConnections();
      await new Promise((done) => echo.close(done));
    }
  });
});
