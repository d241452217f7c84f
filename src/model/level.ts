/**
 * How serious a finding is. A leaf of its own so that src/findings.ts can name requirement IDs from the
 * generated register, which names levels, without an import circle.
 */
export type Level = 'error' | 'warning' | 'info';

/** error before warning before info: the order reports sort by, and the way a level may only be lowered. */
export const LEVEL_RANK: Readonly<Record<Level, number>> = { error: 0, warning: 1, info: 2 };
