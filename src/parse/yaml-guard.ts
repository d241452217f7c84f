import { yamlLib } from './yaml-lib.js';

/**
 * Estimates YAML nesting with yaml's iterative Lexer before the recursive
 * `yaml` parser ever sees the text: deep flow nesting crashes Node 20 with an
 * OOM on a second parse (PACKAGES.md). Flow depth is counted exactly; block
 * depth is over-estimated by a stack of node start columns, so callers give
 * some slack. Returns the offset where `limit` was passed, or -1.
 */
export function yamlDepthExceeded(text: string, limit: number): number {
  return yamlGuard(text, limit, Infinity).depthAt;
}

/**
 * One Lexer pass for both guards: `depthAt`, the offset where nesting passed `depthLimit` (see yamlDepthExceeded),
 * and `valuesAt`, where the count of scalars, aliases and flow collections passed `valueLimit`; -1 for each not
 * passed. The pass stops at the first limit passed.
 */
export function yamlGuard(text: string, depthLimit: number, valueLimit: number): { depthAt: number; valuesAt: number } {
  const { CST, Lexer } = yamlLib();
  let values = 0;
  const columns: number[] = [];
  let flow = 0;
  let offset = 0;
  let column = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    if (token === CST.SCALAR) {
      scalarNext = true;
      if (++values > valueLimit) return { depthAt: -1, valuesAt: offset };
      continue;
    }
    const type = scalarNext ? 'scalar' : CST.tokenType(token);
    scalarNext = false;
    const start = column;
    const at = offset;
    offset += token.length;
    const nl = token.lastIndexOf('\n');
    column = nl === -1 ? column + token.length : token.length - nl - 1;
    switch (type) {
      case 'newline':
      case 'space':
      case 'comment':
      case 'map-value-ind':
      case 'comma':
      case 'byte-order-mark':
        continue;
      case 'doc-start':
      case 'doc-end':
        columns.length = 0;
        continue;
      case 'flow-seq-end':
      case 'flow-map-end':
        if (flow > 0) flow--;
        continue;
      case 'flow-seq-start':
      case 'flow-map-start':
        if (++values > valueLimit) return { depthAt: -1, valuesAt: at };
        if (flow === 0) pushColumn(columns, start);
        flow++;
        break;
      default:
        if (flow === 0) pushColumn(columns, start);
    }
    if (columns.length + flow > depthLimit) return { depthAt: at, valuesAt: -1 };
  }
  return { depthAt: -1, valuesAt: -1 };
}

function pushColumn(columns: number[], column: number): void {
  while (columns.length > 0 && (columns[columns.length - 1] ?? 0) >= column) columns.pop();
  columns.push(column);
}
