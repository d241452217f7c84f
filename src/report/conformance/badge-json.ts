import { badgeContent, type BadgeInput } from './badge.js';
import { exitCodeOf } from './summary.js';

/** shields.io endpoint badge (https://shields.io/badges/endpoint-badge): the same message and colour as the SVG. */
export interface BadgeEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
  isError?: boolean;
}

/** The badge as shields.io endpoint JSON: `https://img.shields.io/endpoint?url=<where this file is served>`. */
export function badgeEndpoint(report: BadgeInput, label = 'ExecutionBroker'): BadgeEndpoint {
  const { message, colour } = badgeContent(report);
  const conformant = exitCodeOf(report) === 0 && report.summary.mustTotal > 0;
  return {
    schemaVersion: 1,
    label,
    message,
    color: colour.replace(/^#/, ''),
    ...(conformant ? {} : { isError: true }),
  };
}

/** The endpoint JSON as text, newline-terminated. */
export function writeBadgeJson(report: BadgeInput, label?: string): string {
  return `${JSON.stringify(badgeEndpoint(report, label), null, 2)}\n`;
}
