import { ALL_CHECKS, runConformance } from './conformance/index.js';
import { VARIANTS } from './conformance/variants/index.js';
const only = process.argv.slice(2);
for (const v of VARIANTS.filter((v) => only.length === 0 || only.includes(v.id))) {
  const s = await v.start();
  const t = Date.now();
  try {
    const r = await runConformance({ target: s.url, checks: ALL_CHECKS, deadlineMs: 60_000, waitBudgetMs: 6_000, ...(v.run ?? {}), ...(s.run ?? {}) });
    console.log(`== ${v.id} ${Date.now() - t} ms`, JSON.stringify(r.summary), 'leftovers', r.leftovers.length);
    for (const c of r.checks) if (c.outcome !== "pass" || process.env.ALL) console.log(`   ${c.outcome} ${c.id} ${c.durationMs}ms: ${c.message}`);
  } finally { await s.close(); }
}
