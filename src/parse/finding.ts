import type { Finding } from '../findings.js';
import type { ToolkitErrorCode } from '../errors.js';
import type { Position } from './types.js';

/** Builds a parse finding; parse findings are toolkit codes, not requirement IDs. */
export function parseFinding(
  ruleId: ToolkitErrorCode,
  message: string,
  pointer = '',
  at?: Position,
  level: Finding['level'] = 'error',
  params?: Record<string, unknown>,
): Finding {
  const f: Finding = { ruleId, level, message, pointer };
  if (at) {
    f.line = at.line;
    f.column = at.column;
  }
  if (params) f.params = params;
  return f;
}
