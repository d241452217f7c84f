import { describe, expect, it } from 'vitest';
import { resultText } from '../../conformance/lib/doc.js';

describe('how a check names an offer set result', () => {
  it('says "no result" when the member is absent, and quotes a value that is there', () => {
    expect(resultText(undefined)).toBe('no result');
    expect(resultText('MAYBE')).toBe('result "MAYBE"');
    expect(resultText(null)).toBe('result null');
    expect(resultText(1)).toBe('result 1');
  });
});
