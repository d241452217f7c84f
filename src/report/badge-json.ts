import { badgeContent } from './badge.js';
import type { ReportSummary } from './conformance-types.js';

/** shields.io endpoint badge (https://shields.io/badges/endpoint-badge): the same message and colour as the SVG. */
export interface BadgeEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
  isError?: boolean;
}

/** The badge as shields.io endpoint JSON: `https://img.shields.io/endpoint?url=<where this file is served>`. */
export function badgeEndpoint(summary: ReportSummary, label = 'ExecutionBroker'): BadgeEndpoint {
  const { message, colour } = badgeContent(summary);
  const conformant = summary.mustTotal > 0 && summary.mustPassed === summary.mustTotal;
  return { schemaVersion: 1, label, message, color: colour.replace(/^#/, ''), ...(conformant ? {} : { isError: true }) };
}

/** The endpoint JSON as text, newline-terminated. */
export function writeBadgeJson(summary: ReportSummary, label?: string): string {
  return `${JSON.stringify(badgeEndpoint(summary, label), null, 2)}\n`;
}
