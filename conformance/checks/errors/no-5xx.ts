import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

const BAD_BODIES: [string, string, string][] = [
  ['application/json', '[]', 'a JSON array'],
  ['application/json', 'null', 'JSON null'],
  ['application/json', '{"executable": "not-an-object", "compute": 7}', 'members of the wrong type'],
  ['application/json', `${'['.repeat(2000)}${']'.repeat(2000)}`, 'JSON nested 2000 deep'],
  ['application/yaml', `${'['.repeat(2000)}${']'.repeat(2000)}`, 'YAML flow nesting 2000 deep'],
  ['application/yaml', 'a: &a [x]\nb: *a\n__proto__: {polluted: 1}\n', 'YAML with aliases and __proto__'],
  [
    'application/xml',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><offers-request>&e;</offers-request>',
    'XML with an external entity',
  ],
  [
    'application/json',
    '{"executable": {"kind": 12}, "schedule": {"requested": {"start": "yesterday", "duration": "P1Y"}}}',
    'nonsense values',
  ],
];

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-06', 'EB-ERR-01', 'EB-XML-04'],
  title: 'Hostile and nonsensical bodies are answered 4xx with the error document, never 5xx',
  async run(ctx: CheckContext) {
    for (const [contentType, body, what] of BAD_BODIES) {
      const ex = await ctx.send({
        method: 'POST',
        url: ctx.url('/requests'),
        headers: { 'content-type': contentType, accept: 'application/json' },
        body,
      });
      ctx.ensure(ex.status < 500, `${what} was answered ${ex.status}`);
      if (ex.status >= 400) ctx.expectRefusal(ex, [ex.status], what);
      else ctx.ensure(ex.status === 303 || ex.status === 200, `${what} was answered ${ex.status}`);
    }
    return { outcome: 'pass', message: `${BAD_BODIES.length} hostile bodies, no 5xx` };
  },
});
