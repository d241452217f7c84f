import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const FIXTURES = join(import.meta.dirname, '../fixtures/migrate');

async function run(argv: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => Buffer.from(''),
    env: {},
    isTTY: false,
    cwd,
  };
  const code = await cli(['migrate', ...argv], io);
  return { code, stdout, stderr };
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-migrate-'));
  for (const f of ['request-2025-11-curl.yaml', 'session-newest-broker.json', 'request-unmappable.yaml'])
    copyFileSync(join(FIXTURES, f), join(dir, f));
  return dir;
}

describe('ebkit migrate', () => {
  it('writes one migrated document to stdout in the input format and the changes to stderr', async () => {
    const dir = scratch();
    const r = await run(['request-2025-11-curl.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'request-2025-11-curl.yaml: /compute/volumes/0: top-level volume 0 moved into compute.volumes',
    );
    const doc = parse(r.stdout, { format: 'yaml' });
    expect(validate(doc, { type: 'request' }).valid).toBe(true);
  });

  it('keeps JSON as JSON, and what the old broker never sent (meta.options) stays a finding', async () => {
    const dir = scratch();
    const r = await run(['session-newest-broker.json'], dir);
    // A warning now: a session read by someone who may not change it shows no options (EB-UPD-02), so the
    // migrated document is valid, and validating it still says what is missing.
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('error EB-UPD-03');
    const again = validate(JSON.parse(r.stdout), { type: 'session' });
    expect(again.findings.filter((f) => f.ruleId === 'EB-UPD-03').map((f) => f.level)).toEqual(['warning']);
    expect(JSON.parse(r.stdout).compute.kind).toMatch(/\/kinds\/compute\/simple-compute-resource\.yaml$/);
  });

  it('--check only reports, writes nothing and exits 1 when a file needs migrating', async () => {
    const dir = scratch();
    const before = readFileSync(join(dir, 'request-2025-11-curl.yaml'), 'utf8');
    const r = await run(['--check', 'request-2025-11-curl.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('/executable/kind');
    expect(readFileSync(join(dir, 'request-2025-11-curl.yaml'), 'utf8')).toBe(before);
    writeFileSync(
      join(dir, 'ok.json'),
      JSON.stringify(
        JSON.parse(
          readFileSync(join(import.meta.dirname, '../../spec/examples/valid/request-executable-only.json'), 'utf8'),
        ),
      ),
    );
    const clean = await run(['--check', 'ok.json'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('already a 1.0 document');
  });

  it('-o DIR writes several results, and an unmappable file is a finding with exit 1', async () => {
    const dir = scratch();
    const r = await run(['-o', 'out', 'request-2025-11-curl.yaml', 'request-unmappable.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('request-unmappable.yaml: /volumes: error EBK_MIGRATE_UNMAPPED');
    const written = parse(readFileSync(join(dir, 'out', 'request-2025-11-curl.yaml')), { filename: 'x.yaml' });
    expect(validate(written, { type: 'request' }).valid).toBe(true);
  });

  it('names a missing file and still migrates the others; exit 2', async () => {
    const dir = scratch();
    const r = await run(['--check', 'nope.yaml', 'request-2025-11-curl.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('nope.yaml: /: error EBK_READ_FAILED: cannot read nope.yaml: no such file');
    expect(r.stdout).toContain('request-2025-11-curl.yaml: /executable/kind');
  });

  it('a document that does not parse stays broken and is reported with its position', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'broken.yaml'), 'executable: [unclosed\n');
    const r = await run(['--check', 'broken.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.yaml: \/: error EBK_SYNTAX/);
  });

  it('-o FILE writes in the format its extension names; several inputs and -o x.yaml are refused, nothing made', async () => {
    const dir = scratch();
    const r = await run(['-o', 'out.json', 'request-2025-11-curl.yaml'], dir);
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { compute: { volumes: unknown[] } };
    expect(written.compute.volumes).toHaveLength(1);
    expect(
      validate(parse(readFileSync(join(dir, 'out.json')), { filename: 'out.json' }), { type: 'request' }).valid,
    ).toBe(true);
    // A 1.0 document needs no change, but a new format is still a rewrite.
    copyFileSync(
      join(import.meta.dirname, '../../spec/examples/valid/request-executable-only.yaml'),
      join(dir, 'ok.yaml'),
    );
    expect((await run(['-o', 'ok.xml', 'ok.yaml'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'ok.xml'), 'utf8')).toMatch(/^<\?xml/);
    const several = await run(['-o', 'one.yaml', 'request-2025-11-curl.yaml', 'ok.yaml'], dir);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('-o one.yaml names a file, but 2 inputs need a directory');
    expect(existsSync(join(dir, 'one.yaml'))).toBe(false);
  });

  it('-o FILE with an extension that names no format is refused, nothing made; no extension keeps the input format', async () => {
    const dir = scratch();
    const txt = await run(['-o', 'out.txt', 'request-2025-11-curl.yaml'], dir);
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('-o out.txt: .txt names no format; end the file name in .json, .yaml, .yml or .xml');
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
    expect((await run(['-o', 'out', 'request-2025-11-curl.yaml'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toMatch(/^compute:|^executable:|^\w+:/m);
  });

  it('a string XML cannot carry is not written as XML: the place is named, nothing is made, exit 1', async () => {
    const dir = scratch();
    const doc = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../spec/examples/valid/request-executable-only.json'), 'utf8'),
    ) as {
      executable: Record<string, unknown>;
    };
    doc.executable.location = 'https://example.org/q\u0000\u001b[31m.ipynb';
    writeFileSync(join(dir, 'nul.json'), JSON.stringify(doc));
    const r = await run(['-o', 'nul.xml', 'nul.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('written as XML, the document would change at /executable/location');
    expect(existsSync(join(dir, 'nul.xml'))).toBe(false);
    // The same document to YAML keeps the characters (as escapes), and says the string is none a 1.0 document may
    // hold (EB-XML-02: its XML form would differ), so the exit is 1 there too.
    const yaml = await run(['-o', 'nul.yaml', 'nul.json'], dir);
    expect(yaml.code).toBe(1);
    expect(yaml.stdout + yaml.stderr).toContain('/executable/location: error EB-XML-02');
    expect(parse(readFileSync(join(dir, 'nul.yaml')), { format: 'yaml' }).value).toEqual(doc);
  });

  it('adds no empty compute.volumes when no top-level volume could move', async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'odd.yaml'),
      [
        'executable:',
        '  kind: https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0',
        '  image: ghcr.io/x/y:1',
        'compute:',
        '  kind: https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/simple-compute-resource-1.0',
        'volumes:',
        '  - resources: [a, b]',
        '',
      ].join('\n'),
    );
    const r = await run(['odd.yaml'], dir);
    expect(r.stderr).toContain('odd.yaml: /volumes/0: error EBK_MIGRATE_UNMAPPED');
    expect(r.stdout).not.toMatch(/volumes: \[\]/);
    expect(parse(r.stdout, { format: 'yaml' }).value).not.toHaveProperty('compute.volumes');
  });

  it('refuses several inputs without -o', async () => {
    const r = await run(['a.yaml', 'b.yaml'], scratch());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('several inputs need -o DIR');
  });
});

describe('ebkit migrate -o into a directory that cannot be made', () => {
  it.runIf(existsSync('/proc/self'))(
    'says so and exits non-zero (under /proc, where a recursive mkdir hangs)',
    async () => {
      const dir = scratch();
      const r = await run(
        ['request-2025-11-curl.yaml', 'session-newest-broker.json', '-o', `/proc/ebkit-${process.pid}/out`],
        dir,
      );
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`/proc/ebkit-${process.pid}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
