/**
 * `-` is standard input for every command that reads documents: migrate and compose read it as validate and offers
 * do, under the same size limit, and refuse to read it twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { DEFAULT_MAX_BYTES, parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { memoryIO, type MemoryIO } from '../client/helpers.js';

const OLD_REQUEST = readFileSync(join(import.meta.dirname, '../fixtures/migrate/request-2025-11-curl.yaml'));
const COMPOSE_DIR = join(import.meta.dirname, '../../spec/examples/compose');

/** An IO whose standard input is `bytes`, and which counts how often it is read. */
function stdinIO(bytes: Buffer, cwd = process.cwd()): MemoryIO & { reads: () => number } {
  let reads = 0;
  const io = memoryIO({
    cwd,
    readStdin: async () => {
      reads++;
      return bytes;
    },
  });
  return Object.assign(io, { reads: () => reads });
}

/** What the bounded reader hands back for an input over the limit: the limit and one byte more. */
const OVERSIZED = Buffer.alloc(DEFAULT_MAX_BYTES + 1, 0x20);

describe('migrate -', () => {
  it('migrates the document on standard input and writes it to stdout in its format', async () => {
    const io = stdinIO(OLD_REQUEST);
    const code = await cli(['migrate', '-'], io);
    expect(io.stderrText).toContain('-: /compute/volumes/0: top-level volume 0 moved into compute.volumes');
    expect(code).toBe(0);
    expect(io.reads()).toBe(1);
    const doc = parse(io.stdoutText, { format: 'yaml' });
    expect(validate(doc, { type: 'request' }).valid).toBe(true);
  });

  it('--check reports what would change on standard input (exit 1)', async () => {
    const io = stdinIO(OLD_REQUEST);
    expect(await cli(['migrate', '--check', '-'], io)).toBe(1);
    expect(io.stdoutText).toContain('-: /compute/volumes/0: top-level volume 0 moved into compute.volumes');
  });

  it('refuses an input over the limit with EBK_TOO_LARGE (exit 2)', async () => {
    const io = stdinIO(OVERSIZED);
    expect(await cli(['migrate', '--check', '-'], io)).toBe(2);
    expect(io.stdoutText).toMatch(/^-: \/: error EBK_TOO_LARGE: the input is over the \d+-byte limit/);
  });

  it('refuses - twice, and - among several inputs written to a directory', async () => {
    const twice = stdinIO(OLD_REQUEST);
    expect(await cli(['migrate', '--check', '-', '-'], twice)).toBe(2);
    expect(twice.stderrText).toBe('ebkit migrate: EBK_USAGE: standard input (-) can be read only once\n');
    const dir = stdinIO(OLD_REQUEST);
    expect(await cli(['migrate', '-o', 'out', '-', 'test/fixtures/migrate/request-2025-11-curl.yaml'], dir)).toBe(2);
    expect(dir.stderrText).toMatch(/standard input \(-\) has no name to write its result under/);
    expect(twice.reads() + dir.reads()).toBe(0);
  });

  it('a missing file still says so in words', async () => {
    const io = stdinIO(Buffer.alloc(0));
    expect(await cli(['migrate', 'nope.yaml'], io)).toBe(2);
    expect(io.stderrText).toBe('nope.yaml: /: error EBK_READ_FAILED: cannot read nope.yaml: no such file\n');
  });
});

describe('compose … -', () => {
  it('reads one fragment from standard input, in its place in the order', async () => {
    const user = readFileSync(join(COMPOSE_DIR, '4-user.yaml'));
    const io = stdinIO(user, COMPOSE_DIR);
    const code = await cli(
      ['compose', '1-developer.yaml', '2-packager.yaml', '3-publisher.yaml', '-', '--format', 'json'],
      io,
    );
    expect(io.stderrText).toContain('4. - (user)');
    expect(code).toBe(0);
    expect(io.reads()).toBe(1);
    expect(validate(JSON.parse(io.stdoutText), { type: 'request' }).valid).toBe(true);
  });

  it('refuses an input over the limit with EBK_TOO_LARGE (exit 2)', async () => {
    const io = stdinIO(OVERSIZED, COMPOSE_DIR);
    expect(await cli(['compose', '1-developer.yaml', '-'], io)).toBe(2);
    expect(io.stderrText).toMatch(/^-: \/: error EBK_TOO_LARGE: the input is over the \d+-byte limit/m);
  });

  it('refuses - twice', async () => {
    const io = stdinIO(Buffer.alloc(0), COMPOSE_DIR);
    expect(await cli(['compose', '-', '-'], io)).toBe(2);
    expect(io.stderrText).toBe('ebkit compose: EBK_USAGE: standard input (-) can be read only once\n');
    expect(io.reads()).toBe(0);
  });
});
