/**
 * negotiation-formats-agree on members only one form carries: a member of the standard the XML or YAML form leaves
 * out fails; an extension member only the JSON form carries (the XSD has no element for it) passes, counted.
 */
import { expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { eachSession, rewrite, startProxied, type Doc } from '../../conformance/mutants/proxy.js';

const check = ALL_CHECKS.find((c) => c.id === 'negotiation-formats-agree')!;

async function judge(edit: (session: Doc, contentType: string) => void) {
  const broker = await startProxied({
    response: (req, res) =>
      rewrite(req, res, (v, t) => eachSession(v, t, (s) => edit(s, res.headers['content-type'] ?? ''))),
  });
  try {
    const report = await runConformance({ target: broker.url, checks: [check], deadlineMs: 20_000 });
    return report.checks[0]!;
  } finally {
    await broker.close();
  }
}

it('fails a form that leaves out a member of the standard', async () => {
  const xml = await judge((s, type) => {
    if (type.includes('xml')) delete (s['compute'] as Doc)['memory'];
  });
  expect(xml.outcome).toBe('fail');
  expect(xml.message).toMatch(
    /read as XML lacks 1 member\(s\) of the standard the JSON form has \(\/compute\/memory\)/,
  );
  expect(xml.broken?.requirement).toBe('EB-XML-02');
  const yaml = await judge((s, type) => {
    if (type.includes('yaml')) delete s['expires'];
  });
  expect(yaml.outcome).toBe('fail');
  expect(yaml.message).toMatch(/read as YAML lacks 1 member\(s\) the JSON form has \(\/expires\)/);
});

it('passes an extension member only the JSON and YAML forms carry, saying so', async () => {
  const result = await judge((s, type) => {
    if (!type.includes('xml')) s['_links'] = { self: { href: 'x' } };
  });
  expect(result.outcome, result.message).toBe('pass');
  expect(result.message).toMatch(
    /1 extension member\(s\) of the JSON form are not in the XML form \(e\.g\. \/_links\)/,
  );
});
