/**
 * A body limit outside 64 KiB–10 MiB breaks EB-ERR-11 for as long as the service runs (a 3 KB request refused, or an
 * 11 MiB one read): the broker's and the aggregator's configurations refuse it when read, naming the range, and
 * `ebkit serve` stops before listening.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../src/broker/index.js';
import { AggregatorConfigError, resolveAggregatorConfig } from '../../src/aggregator/index.js';
import { cli } from '../../src/cli/main.js';
import { memoryIO } from '../client/helpers.js';

const RANGE = 'must be from 65536 to 10485760 bytes (64 KiB to 10 MiB, EB-ERR-11)';
const dir = mkdtempSync(join(tmpdir(), 'ebkit-body-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIO({ cwd: dir });
  const code = await cli(argv, io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

describe('bodyLimit', () => {
  it('takes the ends of the range and anything between', () => {
    for (const v of [64 * 1024, 1024 * 1024, 10 * 1024 * 1024]) {
      expect(resolveConfig({ bodyLimit: v }).bodyLimit).toBe(v);
      expect(resolveAggregatorConfig({ brokers: ['http://127.0.0.1:1'], bodyLimit: v }).bodyLimit).toBe(v);
    }
  });

  it.each([1000, 64 * 1024 - 1, 10 * 1024 * 1024 + 1, 20_000_000])('refuses %i, naming the range', (v) => {
    expect(() => resolveConfig({ bodyLimit: v })).toThrow(ConfigError);
    expect(() => resolveConfig({ bodyLimit: v })).toThrow(`config key "bodyLimit" ${RANGE}, got ${v}`);
    expect(() => resolveAggregatorConfig({ brokers: ['http://127.0.0.1:1'], bodyLimit: v })).toThrow(
      AggregatorConfigError,
    );
    expect(() => resolveAggregatorConfig({ brokers: ['http://127.0.0.1:1'], bodyLimit: v })).toThrow(
      `bodyLimit ${RANGE}, got ${v}`,
    );
  });

  it('ebkit serve with such a config stops before listening (exit 2), saying why', async () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, 'bodyLimit: 20000000\n');
    const r = await runCli(['serve', '--port', '0', '--db', ':memory:', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bodyLimit" ${RANGE}, got 20000000`);
    expect(r.stdout).not.toMatch(/listening on/);
  });
});
