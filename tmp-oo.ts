import { ALL_CHECKS, runConformance } from './conformance/index.js';
import v from './conformance/variants/other-origin.js';
const s = await v.start();
const r = await runConformance({ target: s.url, checks: ALL_CHECKS, deadlineMs: 60_000, waitBudgetMs: 6_000 });
console.log(JSON.stringify(r.summary));
for (const c of r.checks) if (c.outcome !== 'pass') console.log(`  ${c.outcome} ${c.id}: ${c.message.slice(0, 200)}`);
await s.close();
