import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, type Fragment } from '../../src/compose/index.js';
import { KINDS } from '../../src/model/kinds.js';
import { parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { cli } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

const DIR = join(import.meta.dirname, '../../spec/examples/compose');
const FILES = ['1-developer.yaml', '2-packager.yaml', '3-publisher.yaml', '4-user.yaml'];

function fragment(file: string): Fragment {
  return { value: parse(readFileSync(join(DIR, file)), { filename: file }).value, source: file };
}

const docker = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: KINDS.DockerContainer,
  meta: { name: 'tool' },
  image: { locations: ['ghcr.io/x/tool:1'], digest: 'sha256:' + 'a'.repeat(64) },
  ...extra,
});
const compute = (cores: Record<string, number>): Record<string, unknown> => ({
  kind: KINDS.SimpleComputeResource,
  meta: { name: 'c' },
  cores,
});

function violations(fragments: Record<string, unknown>[]): [string, string][] {
  const result = compose(fragments.map((value, i) => ({ value, source: `f${i + 1}.yaml` })));
  return result.findings.filter((f) => f.ruleId.startsWith('EB-CUR')).map((f) => [f.ruleId, f.pointer]);
}

describe('compose: the worked example of spec/03 §3.1', () => {
  it('merges the four roles into one valid request, whatever order the files are given in', () => {
    const given = [FILES[3], FILES[1], FILES[0], FILES[2]].map((f) => fragment(f as string));
    const result = compose(given);
    expect(result.findings).toEqual([]);
    expect(result.order.map((o) => o.role)).toEqual(['developer', 'packager', 'publisher', 'user']);
    expect(validate(result.value, { type: 'request' }).valid).toBe(true);
    const value = result.value as {
      compute: { cores: unknown; memory: unknown; volumes: unknown[] };
      executable: Record<string, unknown>;
    };
    expect(value.compute.cores).toEqual({ min: 4, max: 8 }); // the user raised the publisher's minimum
    expect(value.compute.memory).toEqual({ min: 8, max: 16 });
    expect(value.compute.volumes).toEqual([
      expect.objectContaining({ path: '/data/spectra', resource: 'dr3-spectra' }),
    ]);
    expect(value.executable).toHaveProperty('entrypoint', '/opt/fit/serve');
    expect(value).not.toHaveProperty('role');
  });
});

describe('compose: what a later role may not do', () => {
  it('lowering a minimum or raising a maximum is widening (EB-CUR-04), the earlier value stays', () => {
    expect(violations([{ compute: compute({ min: 4, max: 8 }) }, { compute: compute({ min: 2, max: 16 }) }])).toEqual([
      ['EB-CUR-04', '/compute/cores/min'],
      ['EB-CUR-04', '/compute/cores/max'],
    ]);
  });

  it('replacing the image digest names the role that fixed it (EB-CUR-03)', () => {
    const result = compose([
      { value: { role: 'packager', executable: docker() }, source: 'pkg.yaml' },
      {
        value: { role: 'user', executable: docker({ image: { digest: 'sha256:' + 'b'.repeat(64) } }) },
        source: 'me.yaml',
      },
    ]);
    const f = result.findings.find((x) => x.ruleId === 'EB-CUR-03');
    expect(f?.pointer).toBe('/executable/image/digest');
    expect(f?.level).toBe('error');
    expect(f?.message).toContain('the user (me.yaml) replaces');
    expect(f?.message).toContain('which the packager (pkg.yaml) fixed');
    expect((result.value as { executable: { image: { digest: string } } }).executable.image.digest).toBe(
      'sha256:' + 'a'.repeat(64),
    );
  });

  it("changing a component's kind is refused (EB-CUR-02)", () => {
    const notebook = { kind: KINDS.JupyterNotebook, meta: { name: 'tool' }, location: 'https://e.org/n.ipynb' };
    expect(violations([{ executable: docker() }, { executable: notebook }])).toEqual([
      ['EB-CUR-02', '/executable/kind'],
    ]);
  });

  it('a minimum raised above the maximum is reported once the merge is done (EB-CUR-05)', () => {
    const found = violations([{ compute: compute({ min: 2, max: 4 }) }, { compute: compute({ min: 6 }) }]);
    expect(found.filter(([id]) => id !== 'EB-CUR-01')).toEqual([['EB-CUR-05', '/compute/cores']]);
  });

  it('adds named data and storage instead of replacing the list, and keeps equal values silent', () => {
    const data = (name: string): Record<string, unknown> => ({
      kind: KINDS.SimpleDataResource,
      meta: { name },
      location: `https://e.org/${name}`,
    });
    const result = compose([
      { value: { executable: docker(), data: [data('a')] }, source: '1' },
      { value: { executable: docker(), data: [data('b'), data('a')] }, source: '2' },
    ]);
    expect(result.findings).toEqual([]);
    expect((result.value as { data: { meta: { name: string } }[] }).data.map((d) => d.meta.name)).toEqual(['a', 'b']);
  });

  it('refuses a mix of fragments with and without a role, and an unknown role', () => {
    expect(violations([{ role: 'user' }, {}])).toEqual([['EB-CUR-07', '']]);
    expect(violations([{ role: 'admin' }])).toEqual([['EB-CUR-07', '/role']]);
  });

  it('the merged request must itself be valid (EB-CUR-01): a mount whose data never arrives is an error', () => {
    const mount = {
      kind: KINDS.SimpleVolumeMount,
      meta: { name: 'v' },
      path: '/d',
      mode: 'READONLY',
      resource: 'nowhere',
    };
    const result = compose([
      { value: { executable: docker(), compute: { ...compute({ min: 1 }), volumes: [mount] } }, source: 'only.yaml' },
    ]);
    expect(result.findings.some((f) => f.level === 'error' && !f.ruleId.startsWith('EB-CUR'))).toBe(true);
  });
});

describe('ebkit compose', () => {
  async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: async () => Buffer.from(''),
      env: {},
      isTTY: false,
      cwd: DIR,
    };
    const code = await cli(['compose', ...argv], io);
    return { code, stdout, stderr };
  }

  it('prints the merged request and exits 0 on the worked example', async () => {
    const r = await run([...FILES, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(validate(JSON.parse(r.stdout), { type: 'request' }).valid).toBe(true);
    expect(r.stderr).toContain('4. 4-user.yaml (user)');
  });

  it('exits 2 and names a missing fragment', async () => {
    const r = await run(['1-developer.yaml', 'missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.yaml: /: error EBK_READ_FAILED: cannot read missing.yaml: no such file');
  });
});
