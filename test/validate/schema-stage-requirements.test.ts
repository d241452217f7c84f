import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBytes } from '../../src/validate/index.js';
import { SCHEMA_STAGE_REQUIREMENTS } from '../../src/validate/schema-stage.js';
import { requirementById } from '../../src/model/requirements.js';

const CORPORA = ['spec/examples/invalid', 'test/fixtures/interop'];
const NO_SET = readFileSync('spec/examples/valid/offerset-no-with-messages.yaml', 'utf8');
/** Schema errors the corpora lack: a message time without its offset, a level the enum lacks. */
const MADE: Record<string, string> = {
  'naive-time.yaml': NO_SET.replace('2026-08-14T10:55:00.120Z', '2026-08-14T10:55:00.120'),
  'level.yaml': NO_SET.replace('level: "WARN"', 'level: "WARNING"'),
};

// core-bodies-valid judges exactly these: a schema error filed under another requirement would go unjudged.
describe('SCHEMA_STAGE_REQUIREMENTS: every requirement the schema stage files an error under', () => {
  it('holds the requirement of every schema finding on the invalid examples and the captured documents', async () => {
    const named = new Set<string>();
    for (const dir of CORPORA)
      for (const f of readdirSync(dir).filter((x) => /\.(json|ya?ml|xml)$/.test(x))) {
        const r = await validateBytes(readFileSync(join(dir, f)), { filename: f });
        for (const x of r.findings) if (x.rule === 'schema') named.add(x.ruleId);
      }
    for (const [f, text] of Object.entries(MADE)) {
      const r = await validateBytes(text, { filename: f });
      for (const x of r.findings) if (x.rule === 'schema') named.add(x.ruleId);
    }
    expect([...named]).toEqual(expect.arrayContaining(['EB-SCH-05', 'EB-DM-02', 'EB-DM-09']));
    expect([...named].filter((id) => !SCHEMA_STAGE_REQUIREMENTS.includes(id as never))).toEqual([]);
  });

  it('names only requirements of the register', () => {
    expect(SCHEMA_STAGE_REQUIREMENTS.filter((id) => requirementById(id) === undefined)).toEqual([]);
  });
});
