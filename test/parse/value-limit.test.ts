/**
 * A document far below the byte limit can hold millions of values; positions and rules cost per value, and a 10 MB
 * YAML list exhausted the heap. Past `maxValues` (default 100000) a document is refused with EBK_TOO_LARGE, naming
 * the limit, before any position, rule or schema sees it; at the limit it is read.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_VALUES, parse } from '../../src/parse/index.js';
import { validate } from '../../src/validate/index.js';
import { startBroker } from '../../src/broker/index.js';

const list = (n: number): unknown[] => Array.from({ length: n }, () => 1);

describe('the value limit of parse', () => {
  it('reads a document of exactly maxValues values and refuses one more, in JSON, YAML and XML', () => {
    // {"a": [1, 1, 1]} holds 5 values: the mapping, the list and three numbers.
    expect(parse(JSON.stringify({ a: list(3) }), { format: 'json', maxValues: 5 }).findings).toEqual([]);
    for (const [format, text] of [
      ['json', JSON.stringify({ a: list(4) })],
      ['yaml', 'a:\n- 1\n- 1\n- 1\n- 1\n'],
      ['yaml', 'a: [1, 1, 1, 1]\n'],
    ] as const) {
      const d = parse(text, { format, maxValues: 5 });
      expect(d.value, `${format}: ${text}`).toBeUndefined();
      expect(d.findings.map((f) => [f.ruleId, f.line, f.column, f.params?.maxValues])).toEqual([
        ['EBK_TOO_LARGE', 1, 1, 5],
      ]);
      expect(d.findings[0]?.message).toMatch(/^The document holds more than 5 values .*; it was not checked\.$/);
    }
    const xml = parse('<offers-request xmlns="x">\n<a/><a/><a/>\n<b/></offers-request>', { maxValues: 4 });
    // The fifth element, <b/>, passes the limit of 4.
    expect(xml.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['EBK_TOO_LARGE', 3, 1]]);
  });

  it('refuses a 2 MB flow list under the default limit, at its start, where it was read value by value before', () => {
    const text = `executable: {kind: x}\nlist: [${'a,'.repeat(1_000_000)}a]\n`;
    expect(text.length).toBeLessThan(10 * 1024 * 1024);
    const d = parse(text, { filename: 'many.yaml' });
    expect(d.findings.map((f) => [f.ruleId, f.params?.maxValues])).toEqual([['EBK_TOO_LARGE', DEFAULT_MAX_VALUES]]);
    const v = validate(d);
    expect(v.valid).toBe(false);
    expect(v.findings.map((f) => f.ruleId)).toEqual(['EBK_TOO_LARGE']);
  });

  it('counts with the Lexer before the slow YAML parser builds its tree (a duplicate key sends a document there)', () => {
    // Plain, quoted and empty items, and aliases: each starts a node the slow parser would build.
    for (const items of [
      `list: [${'x,'.repeat(250_000)}x]\n`,
      `list:\n${"- ''\n".repeat(250_000)}`,
      `list:\n${'-\n'.repeat(250_000)}`,
      `list: &x [1]\nmore:\n${'- *x\n'.repeat(250_000)}`,
    ]) {
      const d = parse(`a: 1\na: 2\n${items}`, { format: 'yaml' });
      expect(
        d.findings.map((f) => f.ruleId),
        items.slice(0, 20),
      ).toEqual(['EBK_TOO_LARGE']);
      // At the node that passed the count: in the list, not at the document's start.
      expect(d.findings[0]?.line).toBeGreaterThanOrEqual(3);
    }
  });

  it('reads a YAML list just under the limit on the slow path', () => {
    const d = parse(`a: 1\na: 2\nlist:\n${"- ''\n".repeat(DEFAULT_MAX_VALUES - 10)}`, { format: 'yaml' });
    expect(d.findings.map((f) => f.ruleId)).toEqual(['EBK_DUPLICATE_KEY']);
  });
});

describe('the broker refuses a body of too many values', () => {
  it('with 413 BODY_TOO_LARGE saying the value limit, not a byte limit the body is under', async () => {
    const broker = await startBroker({ db: ':memory:' });
    try {
      const body = JSON.stringify({ executable: { kind: 'x' }, list: list(DEFAULT_MAX_VALUES) });
      expect(body.length).toBeLessThan(1024 * 1024);
      const res = await fetch(`${broker.url}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
      expect(res.status).toBe(413);
      const doc = (await res.json()) as { code: string; message: string };
      expect(doc.code).toBe('BODY_TOO_LARGE');
      expect(doc.message).toMatch(/holds more than 100000 values/);
    } finally {
      await broker.close();
    }
  });
});
