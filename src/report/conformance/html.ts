import type { CheckResult, Evidence, RunReport } from './types.js';
import { exitCodeOf, isFullRun, notJudged, partialScope, printedLevel } from './summary.js';
import { escapeMarkup, toText } from '../../util/index.js';

const ORDER: Record<CheckResult['outcome'], number> = { fail: 0, error: 1, skip: 2, warn: 3, info: 4, na: 5, pass: 6 };
const LABEL: Record<CheckResult['outcome'], string> = {
  fail: 'FAIL',
  error: 'ERROR',
  skip: 'SKIP',
  warn: 'WARN',
  info: 'INFO',
  na: 'N/A',
  pass: 'PASS',
};

/** Control characters a broker's body may hold (NUL, ESC, FF…) are parse errors in HTML: shown as \xNN instead. */
function esc(text: unknown): string {
  return escapeMarkup(toText(text)).replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function headersBlock(headers: Record<string, string> | undefined): string {
  if (!headers) return '';
  return Object.entries(headers)
    .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
    .join('\n');
}

function findingsList(e: Evidence): string {
  return e.findings?.length
    ? `<h5>Validator findings</h5><ul>${e.findings.map((f) => `<li><code>${esc(f.ruleId)}</code> ${esc(f.level)} at <code>${esc(f.pointer || '/')}</code>: ${esc(f.message)}</li>`).join('')}</ul>`
    : '';
}

/** A passing check's exchange: one line (what was asked, how it ended), the findings and note if any. */
function briefBlock(e: Evidence, i: number): string {
  const end = e.failure
    ? `<span class="bad">${esc(e.failure.kind)}: ${esc(e.failure.message)}</span>`
    : `${esc(e.status ?? '')}${e.durationMs !== undefined ? ` (${e.durationMs} ms)` : ''}`;
  return `<div class="ev">${i + 1}. <code>${esc(e.request.method)} ${esc(e.request.url)}</code> → ${end}${findingsList(e)}${e.note ? `<p class="note">${esc(e.note)}</p>` : ''}</div>`;
}

function evidenceBlock(e: Evidence, i: number): string {
  if (e.brief) return briefBlock(e, i);
  const answer = e.failure
    ? `<p class="bad">No usable answer: ${esc(e.failure.kind)}: ${esc(e.failure.message)}</p>`
    : `<h5>Answer ${esc(e.status ?? '')}${e.durationMs !== undefined ? ` (${e.durationMs} ms)` : ''}</h5><pre>${headersBlock(e.headers)}\n\n${esc(e.bodyExcerpt ?? '')}</pre>`;
  const findings = findingsList(e);
  return `<div class="ev"><h4>Exchange ${i + 1}: ${esc(e.request.method)} ${esc(e.request.url)}</h4>
<pre>${headersBlock(e.request.headers)}${e.request.bodyExcerpt ? `\n\n${esc(e.request.bodyExcerpt)}` : ''}</pre>
${answer}${findings}${e.note ? `<p class="note">${esc(e.note)}</p>` : ''}
<h5>Reproduce</h5><pre class="curl">${esc(e.curl)}</pre></div>`;
}

function checkBlock(c: CheckResult): string {
  const open = c.outcome === 'fail' || c.outcome === 'error' ? ' open' : '';
  return `<details class="check ${c.outcome}"${open}><summary><span class="badge ${c.outcome}">${LABEL[c.outcome]}</span> <b>${esc(c.id)}</b> <span class="lvl">${printedLevel(c)}</span> ${esc(c.title)}</summary>
<p>${esc(c.message)}</p>${c.broken ? `<p class="meta">broken: <code>${esc(c.broken.requirement)}</code> (${c.broken.level})</p>` : ''}<p class="meta">class ${esc(c.class)} · requirements ${c.requirements.map((r) => `<code>${esc(r)}</code>`).join(', ')} · ${c.durationMs} ms</p>
${c.evidence.map(evidenceBlock).join('\n')}</details>`;
}

/** One self-contained HTML page (inline CSS, no scripts, no network): summary, failing checks first, evidence. */
export function renderHtml(report: RunReport): string {
  const s = report.summary;
  const checks = [...report.checks].sort(
    (a, b) =>
      ORDER[a.outcome] - ORDER[b.outcome] ||
      (a.level === b.level ? 0 : a.level === 'MUST' ? -1 : b.level === 'MUST' ? 1 : a.level === 'SHOULD' ? -1 : 1) ||
      a.id.localeCompare(b.id),
  );
  const classes = Object.entries(report.byClass)
    .map(
      ([cls, c]) =>
        `<tr><td>${esc(cls)}</td><td>${c.passed}</td><td>${c.failed}</td><td>${c.warned}</td><td>${c.info}</td><td>${c.notApplicable}</td><td>${c.skipped}</td><td>${c.errors}</td><td>${c.mustPassed}/${c.mustTotal}</td></tr>`,
    )
    .join('');
  const code = exitCodeOf(report);
  const scope = isFullRun(report)
    ? ''
    : ` This was a partial run (${esc(partialScope(report))}); it claims nothing about the rest.`;
  const verdict = report.notStarted
    ? `<p class="bad big">No check was run: ${esc(report.notStarted.reason)}.</p>`
    : code === 0
      ? `<p class="ok big">Every MUST check was judged and passed.${scope}</p>`
      : code === 1
        ? `<p class="bad big">${s.mustFailed} of ${s.mustTotal} MUST checks failed.${scope}</p>`
        : `<p class="bad big">No MUST check failed, but ${s.mustNotRun} of ${s.mustTotal} could not be judged.${scope}</p><ul>${notJudged(
            report,
          )
            .map((n) => `<li><code>${esc(n.id)}</code>: ${esc(n.why)}</li>`)
            .join('')}</ul>`;
  const leftovers = `<h2>Sessions</h2><p>${report.sessionsCreated} created, ${report.leftovers.length} not settled.</p>${
    report.leftovers.length
      ? `<ul>${report.leftovers.map((l) => `<li><code>${esc(l.url)}</code>: ${esc(l.reason)}</li>`).join('')}</ul>`
      : ''
  }`;
  const bf = report.bodyFindings;
  const findings = bf.byRule.length
    ? `<h2>Validator findings on the broker's bodies</h2><p>${bf.errors} error(s), ${bf.warnings} warning(s) (SHOULD), ${bf.infos} info(s).</p><table><thead><tr><th>rule</th><th>level</th><th>count</th><th>example</th></tr></thead><tbody>${bf.byRule
        .map(
          (r) =>
            `<tr><td><code>${esc(r.ruleId)}</code></td><td>${esc(r.level)}</td><td>${r.count}</td><td style="text-align:left">${esc(r.example)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>ExecutionBroker conformance: ${esc(report.target)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}td:first-child,th:first-child{text-align:left}
pre{background:#f6f6f6;padding:.5em;overflow-x:auto;white-space:pre-wrap;word-break:break-all;max-height:24em}
.badge{display:inline-block;min-width:4em;text-align:center;border-radius:3px;color:#fff;font-size:.8em;padding:0 .3em}
.pass{background:#2a7d2a}.info{background:#2e86c1}.na{background:#95a5a6}.fail{background:#c0392b}.error{background:#8e44ad}.warn{background:#d68910}.skip{background:#7f8c8d}
details.check{background:none;border-left:4px solid #ccc;margin:.4em 0;padding:.2em .6em}details.check.fail{border-color:#c0392b}details.check.error{border-color:#8e44ad}
.lvl{font-size:.75em;border:1px solid #999;border-radius:3px;padding:0 .2em}.meta{color:#666;font-size:.9em}
.ok{color:#2a7d2a}.bad{color:#c0392b}.big{font-size:1.2em;font-weight:bold}.ev{margin-left:1em;border-top:1px dashed #ccc}.note{color:#555;font-style:italic}
</style></head><body>
<h1>ExecutionBroker conformance report</h1>
<p>Target <code>${esc(report.target)}</code> · started ${esc(report.startedAt)} · ${report.durationMs} ms${report.deadlineHit ? ' · <b class="bad">stopped by the run deadline</b>' : ''}${report.interrupted ? ' · <b class="bad">interrupted: the checks left were not run</b>' : ''}</p>
${verdict}
<p>${s.passed} passed · ${s.failed} failed · ${s.warned} warned · ${s.info} informational · ${s.notApplicable} not applicable · ${s.skipped} skipped · ${s.errors} errors (of ${s.total})</p>
<table><thead><tr><th>class</th><th>pass</th><th>fail</th><th>warn</th><th>info</th><th>n/a</th><th>skip</th><th>error</th><th>MUST passed</th></tr></thead><tbody>${classes}</tbody></table>
${findings}
${leftovers}
<h2>Checks</h2>
${checks.map(checkBlock).join('\n')}
</body></html>
`;
}
