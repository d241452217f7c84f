import { describe, expect, it } from 'vitest';
import {
  UNSAFE_KEYS,
  childPointer,
  errorMessage,
  escapeMarkup,
  escapeToken,
  isList,
  isObject,
  mapStrings,
  parentPointer,
  printable,
  toText,
  withArticle,
  unescapeToken,
} from '../../src/util/index.js';

describe('src/util', () => {
  it('escapes and unescapes JSON Pointer tokens as RFC 6901 says (~ before /)', () => {
    expect(escapeToken('a/b~c')).toBe('a~1b~0c');
    expect(escapeToken(3)).toBe('3');
    expect(unescapeToken('a~1b~0c')).toBe('a/b~c');
    expect(unescapeToken('~01')).toBe('~1');
    expect(childPointer('/x', 'a/b')).toBe('/x/a~1b');
    expect(parentPointer('/x/a~1b')).toBe('/x');
    expect(parentPointer('/x')).toBe('');
    expect(parentPointer('')).toBeUndefined();
  });

  it('escapeMarkup makes text safe in XML, SVG and HTML content and quoted attributes', () => {
    expect(escapeMarkup(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;');
    expect(escapeMarkup('plain')).toBe('plain');
  });

  it('isList accepts arrays only', () => {
    expect(isList([])).toBe(true);
    expect(isList([1, 'a'])).toBe(true);
    expect(isList({ length: 0 })).toBe(false);
    expect(isList('ab')).toBe(false);
  });

  it('toText writes any value for a message, never [object Object]', () => {
    expect(toText('PT1H')).toBe('PT1H');
    expect(toText(3)).toBe('3');
    expect(toText(false)).toBe('false');
    expect(toText(null)).toBe('null');
    expect(toText(undefined)).toBe('undefined');
    expect(toText({ a: 1 })).toBe('{"a":1}');
    expect(toText([1, 'x'])).toBe('[1,"x"]');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(toText(cycle)).toBe('an object');
    expect(toText([10n])).toBe('an array');
  });

  it('isObject accepts plain objects only', () => {
    expect(isObject({})).toBe(true);
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject('x')).toBe(false);
  });

  it('errorMessage never gives undefined, whatever was thrown', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage({ message: 'shaped' })).toBe('shaped');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(Object.create(null))).toBe('unprintable error');
  });

  it('names the keys that reach a prototype', () => {
    expect([...UNSAFE_KEYS].sort()).toEqual(['__proto__', 'constructor', 'prototype']);
  });

  it('maps every string value of a structure, never a key, a number or a boolean, and leaves the input alone', () => {
    const input = { status: 'status', n: 1, ok: true, none: null, list: ['status', { status: 'x' }] };
    const out = mapStrings(input, (s) => s.toUpperCase());
    expect(out).toEqual({ status: 'STATUS', n: 1, ok: true, none: null, list: ['STATUS', { status: 'X' }] });
    expect(input.status).toBe('status');
  });

  it('keeps a "__proto__" key (as JSON.parse makes it) a key, never the copy\'s prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": "b"}') as Record<string, unknown>;
    const out = mapStrings(input, (s) => s.toUpperCase());
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":"YES"},"a":"B"}');
  });
});

describe('withArticle and printable', () => {
  it('writes "an update", "an error", "a request", "a session"', () => {
    expect(['update', 'error', 'request', 'session', 'offerset'].map(withArticle)).toEqual([
      'an update',
      'an error',
      'a request',
      'a session',
      'an offerset',
    ]);
  });

  it('escapes every C0 and C1 control character, and leaves the rest of the text alone', () => {
    expect(printable('a\u001b[2Jb\u0007\n\u0085é→')).toBe('a\\x1b[2Jb\\x07\\x0a\\x85é→');
  });
});
