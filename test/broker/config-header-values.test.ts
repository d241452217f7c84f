/**
 * Config values sent as HTTP header text are checked when the config is read: the broker's corsOrigin (sent as
 * Access-Control-Allow-Origin) and the headers an aggregator sends each lower broker. A line break in either used to
 * be accepted, and then every browser answer was a bare 500, or every request below failed as "an unusable URL".
 * And a config file that is XML, or missing, is named so in words.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, resolveConfig, startBroker } from '../../src/broker/index.js';
import { AggregatorConfigError, resolveAggregatorConfig } from '../../src/aggregator/index.js';

describe('corsOrigin', () => {
  it('takes *, none, null and one origin', () => {
    for (const v of ['*', 'none', 'null', 'https://portal.example.org', 'http://127.0.0.1:8080'])
      expect(resolveConfig({ corsOrigin: v }).corsOrigin).toBe(v);
  });

  it('refuses a line break, a path or a list, naming the key and what it may be', () => {
    for (const v of ['\r\nX-Evil: 1', 'https://portal.example.org/app', 'https://a.org https://b.org', 'portal'])
      expect(() => resolveConfig({ corsOrigin: v }), v).toThrow(ConfigError);
    expect(() => resolveConfig({ corsOrigin: '\r\nX-Evil: 1' })).toThrow(
      'config key "corsOrigin" must be "*", "none", "null" or one origin such as https://portal.example.org, got "\\x0d\\x0aX-Evil: 1"',
    );
  });

  it('a configured origin reaches a browser as its Access-Control-Allow-Origin', async () => {
    const broker = await startBroker({ config: { corsOrigin: 'https://portal.example.org' } });
    try {
      const res = await fetch(`${broker.url}/availability`, { headers: { origin: 'https://portal.example.org' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://portal.example.org');
    } finally {
      await broker.close();
    }
  });
});

describe("an aggregator's headers for a lower broker", () => {
  const withHeaders = (headers: Record<string, string>) => () =>
    resolveAggregatorConfig({ brokers: [{ name: 'east', url: 'http://127.0.0.1:9', headers }] });

  it('are taken when each is a token name and a one-line value', () => {
    expect(withHeaders({ 'X-Api-Key': 'k-123', Authorization: 'Bearer abc' })().brokers[0]?.headers).toEqual({
      'X-Api-Key': 'k-123',
      Authorization: 'Bearer abc',
    });
  });

  it('a name that is no token is refused, naming where', () => {
    expect(withHeaders({ 'Bad Header': 'x' })).toThrow(AggregatorConfigError);
    expect(withHeaders({ 'Bad Header': 'x' })).toThrow('brokers[0].headers: "Bad Header" is not a header name');
    expect(withHeaders({ 'X:Y': 'x' })).toThrow('brokers[0].headers: "X:Y" is not a header name');
  });

  it('a value with a line break is refused without showing it', () => {
    const secret = 'Bearer s3cr3t\r\nX-Evil: 1';
    let message = '';
    try {
      withHeaders({ Authorization: secret })();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'brokers[0].headers.Authorization holds a control character or one beyond U+00FF (its value is not shown: it may be a secret)',
    );
    expect(message).not.toContain('s3cr3t');
    for (const bad of ['tok\u0001en', 'tok\u007fen', 'tok\u0100en', 'a\0b'])
      expect(withHeaders({ 'X-Key': bad }), JSON.stringify(bad)).toThrow('brokers[0].headers.X-Key holds a control');
    expect(withHeaders({ 'X-Key': 'tab\tand latin-1 \u00e9' })().brokers[0]?.headers).toEqual({
      'X-Key': 'tab\tand latin-1 \u00e9',
    });
  });
});

describe('a config file that cannot be used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebkit-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('XML is named as XML, not refused as "not a mapping"', () => {
    const file = join(dir, 'broker.xml');
    writeFileSync(file, '<?xml version="1.0"?>\n<config><cores>4</cores></config>\n');
    expect(() => loadConfigFile(file)).toThrow(`config file ${file} is XML; a config is YAML or JSON`);
  });

  it('a missing file says so in words', () => {
    const file = join(dir, 'missing.yaml');
    expect(() => loadConfigFile(file)).toThrow(`cannot read config file ${file}: no such file`);
    expect(() => loadConfigFile(file)).not.toThrow(/ENOENT/);
  });

  it('JSON is read (JSON is YAML)', () => {
    const file = join(dir, 'broker.json');
    writeFileSync(file, '{"cores": 4}');
    expect(loadConfigFile(file).cores).toBe(4);
  });
});
