import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR, syncExamples } from '../../scripts/gen-examples.js';

describe('generated .json/.xml siblings of the examples', () => {
  it('are up to date (run `npm run gen:examples` after editing a YAML source)', () => {
    const result = syncExamples({ write: false });
    expect(result.problems).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(result.orphans).toEqual([]);
  });

  it('detects a stale sibling and an orphan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebkit-examples-'));
    try {
      cpSync(EXAMPLES_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'valid', 'request-notebook-simple.json'), '{}\n');
      writeFileSync(join(dir, 'invalid', 'leftover.json'), '{}\n');
      const result = syncExamples({ write: false, dir });
      expect(result.stale).toContain('valid/request-notebook-simple.json');
      expect(result.orphans).toEqual(['invalid/leftover.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
