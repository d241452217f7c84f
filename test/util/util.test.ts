import { describe, expect, it } from 'vitest';
import {
  UNSAFE_KEYS,
  childPointer,
  errorMessage,
  escapeToken,
  isObject,
  parentPointer,
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
});
