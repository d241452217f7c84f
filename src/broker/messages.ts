import { formatInstant } from './time.js';
import type { MessageLevel } from '../model/index.js';

/** A MessageItem (Message Templates style) as offer sets, sessions and error documents carry them. */
export interface MessageItem {
  kind: string;
  time?: string;
  level: MessageLevel;
  template?: string;
  values?: Record<string, string>;
  message?: string;
}

/** Builds a message, rendering `${name}` placeholders from `values` so clients need not. */
export function message(
  kind: string,
  level: MessageItem['level'],
  template: string,
  values: Record<string, string | number>,
  now: number,
): MessageItem {
  const strValues: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) strValues[k] = String(v);
  const rendered = template.replace(/\$\{(\w+)\}/g, (_, k: string) => strValues[k] ?? `\${${k}}`);
  return { kind, time: formatInstant(now), level, template, values: strValues, message: rendered };
}
