import { CHECK_CLASSES, type RunReport } from './types.js';
import { exitCodeOf, isFullRun } from './summary.js';
import { escapeMarkup } from '../../util/index.js';

/** What a badge is made from. */
export type BadgeInput = Pick<RunReport, 'summary' | 'classes' | 'skipSlow' | 'interrupted' | 'notStarted'>;

const COLOURS = { green: '#4c1', yellowgreen: '#a4a61d', orange: '#fe7d37', red: '#e05d44' } as const;

/** Approximate width of 11px Verdana text, enough to size a badge without font metrics. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[ilI.,:;|!'/]/.test(ch) ? 3.5 : /[mwMW]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  return Math.ceil(w);
}

/**
 * Message and colour of the badge. It claims only what was run: "conformant" needs a full run (every class, expiry
 * included) in which every MUST check was judged and passed; a partial run names its classes.
 */
export function badgeContent(report: BadgeInput): {
  message: string;
  colour: string;
} {
  const summary = report.summary;
  // A run that did not start replaces the last badge with one that says so, never an earlier green one.
  if (report.notStarted)
    return { message: report.notStarted.kind === 'unreachable' ? 'unreachable' : 'not run', colour: COLOURS.red };
  const code = exitCodeOf(report);
  const full = isFullRun(report);
  const scope = full ? '' : `${partialBadgeScope(report)}: `;
  if (code === 0 && summary.mustTotal > 0) {
    const colour = summary.failed > 0 || summary.warned > 0 ? COLOURS.yellowgreen : COLOURS.green;
    return { message: full ? 'conformant' : `${scope}${summary.mustPassed}/${summary.mustTotal} MUST`, colour };
  }
  const counts = `${scope}${summary.mustPassed}/${summary.mustTotal} MUST`;
  // A MUST failed: red, however many passed. Not judged or interrupted (nothing failed): orange, saying which.
  if (code === 1) return { message: `${counts}, ${summary.mustFailed} failed`, colour: COLOURS.red };
  if (code === 130) return { message: `${counts}, interrupted`, colour: COLOURS.orange };
  return { message: `${counts}, ${summary.mustNotRun} not judged`, colour: COLOURS.orange };
}

/**
 * What a partial run covered, as short as a badge needs: every class but the slow checks is "no slow checks"; a
 * choice of classes is listed, without expiry (all its checks are slow) when the slow checks were left out.
 */
function partialBadgeScope(report: Pick<BadgeInput, 'classes' | 'skipSlow'>): string {
  if (!report.skipSlow) return report.classes.join('+');
  if (CHECK_CLASSES.every((c) => report.classes.includes(c))) return 'no slow checks';
  const run = report.classes.filter((c) => c !== 'expiry');
  return `${run.length > 0 ? run.join('+') : 'nothing'} (no slow)`;
}

/** A flat SVG badge (shields.io layout), self-contained. */
export function renderBadge(report: BadgeInput, label = 'ExecutionBroker'): string {
  const { message, colour } = badgeContent(report);
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const w = lw + mw;
  const l = escapeMarkup(label);
  const m = escapeMarkup(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${l}: ${m}">
<title>${l}: ${m}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${colour}"/><rect width="${w}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${l}</text><text x="${lw / 2}" y="14">${l}</text>
<text x="${lw + mw / 2}" y="15" fill="#010101" fill-opacity=".3">${m}</text><text x="${lw + mw / 2}" y="14">${m}</text>
</g>
</svg>
`;
}
