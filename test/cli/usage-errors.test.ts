import { describe, expect, it } from 'vitest';
import { cli } from '../../src/cli/main.js';
import { memoryIO } from '../support/memory-io.js';

describe('a usage error', () => {
  it.each([[['conformance', '--bogus']], [['validate']], [['offers', 'request.yaml', '--sort']], [['valdate']]])(
    '%j is its line and a pointer to --help, not the whole help scrolling it off the terminal',
    async (argv) => {
      const t = memoryIO({ cwd: process.cwd() });
      expect(await cli(argv, t)).toBe(2);
      const lines = t.err.join('').trimEnd().split('\n');
      expect(lines[0]).toMatch(/^error: /);
      expect(lines.at(-1)).toBe("(add --help for this command's usage)");
      expect(lines.length, t.err.join('')).toBeLessThanOrEqual(3);
      expect(t.out.join('')).toBe('');
    },
  );
});

describe('a NAME=URL upstream whose name is no name', () => {
  it.each([
    ['=http://127.0.0.1:1', '--upstream #1: the name before = is empty; give NAME=URL or the URL alone'],
    ['a b=http://127.0.0.1:1', '--upstream #1: the name "a b" must start with a letter or digit'],
  ])('%s is said so, not "not an absolute URL"', async (upstream, message) => {
    const t = memoryIO({ cwd: process.cwd() });
    expect(await cli(['aggregate', '--upstream', upstream, '--port', '0', '--db', ':memory:'], t)).toBe(2);
    expect(t.err.join('')).toContain(`ebkit aggregate: ${message}`);
    expect(t.err.join('')).not.toMatch(/absolute URL/);
  });
});
