import { describe, expect, it } from 'vitest';
import { secondsArg } from '../../src/cli/seconds-arg.js';

describe('a flag given in seconds', () => {
  it.each([
    ['5', 5],
    ['2.5', 2.5],
    ['5s', 5],
    ['500ms', 0.5],
    [' 600s ', 600],
  ])('reads %s as %s s', (text, s) => expect(secondsArg(text, '--timeout', 600)).toBe(s));

  it.each(['0', '0ms', '601', '5m', '-1', 'five', '', '1e3'])('refuses %s, saying which forms it takes', (text) =>
    expect(secondsArg(text, '--timeout', 600)).toBe(
      `--timeout must be a number of seconds above 0 and at most 600 (or with a unit: 5s, 500ms), got "${text}"`,
    ),
  );
});
