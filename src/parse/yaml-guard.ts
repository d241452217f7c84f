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
 * The tokens that start a node: scalars of every style (a block scalar is its header), aliases, flow collections,
 * and the `-` and `?` indicators (an item or key may be empty, `-` alone on its line, and is a node all the same).
 * A key counts as a node of its own, so a mapping's members count about twice.
 */
const NODE_TOKENS: ReadonlySet<string> = new Set([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'alias',
  'flow-seq-start',
  'flow-map-start',
  'seq-item-ind',
  'explicit-key-ind',
]);

/**
 * One Lexer pass for both guards: `depthAt`, the offset where nesting passed `depthLimit` (see yamlDepthExceeded),
 * and `valuesAt`, where the count of node-starting tokens (NODE_TOKENS) passed `valueLimit`; -1 for each not
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
  let lastType: string | null = null;
  for (const token of new Lexer().lex(text)) {
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    if (token === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    // A block scalar's body follows its header behind a SCALAR marker too: the header already counted it.
    const type: string | null = scalarNext
      ? lastType === 'block-scalar-header'
        ? 'block-scalar-body'
        : 'scalar'
      : CST.tokenType(token);
    scalarNext = false;
    const start = column;
    const at = offset;
    if (type !== null && type !== 'space' && type !== 'newline' && type !== 'comment') lastType = type;
    if (type !== null && NODE_TOKENS.has(type) && ++values > valueLimit) return { depthAt: -1, valuesAt: at };
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
