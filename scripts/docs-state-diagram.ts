/**
 * Renders a Mermaid `stateDiagram-v2` block (plain `A --> B : label` lines) as an inline SVG, so
 * the documentation site shows the lifecycle without a browser-side Mermaid or any network.
 * Layout: each state sits in the row of its longest path from the start; states that many
 * others lead to get side columns; edges that skip rows arc to the left of the main column.
 */
import { escapeMarkup as esc } from '../src/util/index.js';
import { type DiagramEdge, longestPathRanks } from './docs-diagram.js';

export type Edge = DiagramEdge;

const BOX_W = 128;
const BOX_H = 30;
const ROW_H = 62;
const COL_W = 150;
const MARGIN = 24;
/** Room left of the main column for arcs that skip rows. */
const ARC_ROOM = 60;

/** Parses the transitions of a state diagram; `[*]` ends and unknown lines are ignored. */
export function parseStateDiagram(source: string): Edge[] {
  const edges: Edge[] = [];
  for (const raw of source.split('\n')) {
    const m = /^\s*([A-Za-z_][\w]*)\s*-->\s*([A-Za-z_][\w]*)\s*(?::\s*(.+))?$/.exec(raw);
    if (!m?.[1] || !m[2]) continue;
    const edge: Edge = { from: m[1], to: m[2] };
    if (m[3]) edge.label = m[3].trim();
    edges.push(edge);
  }
  return edges;
}

/** An SVG drawing of the diagram, with a <title> for screen readers. */
export function stateDiagramSvg(source: string, title: string): string {
  const edges = parseStateDiagram(source);
  if (edges.length === 0) return '';
  // The diagram is acyclic apart from `[*]`, which starts and ends it.
  const rank = longestPathRanks(new Set(edges.flatMap((e) => [e.from, e.to])), edges);
  // States many others lead to (CANCELLED, FAILED) get columns of their own on the right, so
  // their incoming edges fan in from the side instead of crossing the main column.
  const indegree = new Map<string, number>();
  for (const e of edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const collectors = [...rank.keys()].filter((s) => (indegree.get(s) ?? 0) >= 3);
  const rows = new Map<number, string[]>();
  for (const [state, r] of rank) if (!collectors.includes(state)) rows.set(r, [...(rows.get(r) ?? []), state]);
  const widest = Math.max(...[...rows.values()].map((r) => r.length));
  const left = MARGIN + ARC_ROOM;
  const pos = new Map<string, { x: number; y: number }>();
  const rowY = (r: number): number => MARGIN + r * ROW_H + BOX_H / 2;
  for (const [r, states] of rows) states.forEach((s, i) => pos.set(s, { x: left + BOX_W / 2 + i * COL_W, y: rowY(r) }));
  collectors.forEach((c, i) => {
    const ys = edges.filter((e) => e.to === c).map((e) => pos.get(e.from)?.y ?? rowY(rank.get(e.from) ?? 0));
    pos.set(c, {
      x: left + BOX_W / 2 + (widest + i) * COL_W + COL_W / 2,
      y: ys.reduce((a, b) => a + b, 0) / ys.length,
    });
  });
  const maxRank = Math.max(...rank.values());
  const width = left + (widest + collectors.length) * COL_W + COL_W / 2 + MARGIN;
  const height = MARGIN * 2 + (maxRank + 1) * ROW_H;
  const parts: string[] = [];
  for (const e of edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    let d: string;
    let label: { x: number; y: number } | undefined;
    if (collectors.includes(e.to)) {
      d = `M${a.x + BOX_W / 2},${a.y} L${b.x - BOX_W / 2},${b.y}`;
    } else if (a.x === b.x && b.y - a.y > ROW_H) {
      // Skips rows in the same column: arc on the left, clear of the states in between.
      const bulge = 30 + (b.y - a.y) / 8;
      d = `M${a.x - BOX_W / 2},${a.y} C${a.x - BOX_W / 2 - bulge},${a.y} ${b.x - BOX_W / 2 - bulge},${b.y} ${b.x - BOX_W / 2},${b.y}`;
    } else if (a.x === b.x) {
      d = `M${a.x},${a.y + BOX_H / 2} L${b.x},${b.y - BOX_H / 2}`;
      label = { x: a.x + 8, y: (a.y + b.y) / 2 + 4 };
    } else {
      d = `M${a.x},${a.y + BOX_H / 2} L${b.x},${b.y - BOX_H / 2}`;
    }
    parts.push(`<path d="${d}" class="edge" marker-end="url(#arrow)"/>`);
    if (e.label && label) parts.push(`<text x="${label.x}" y="${label.y}" class="edge-label">${esc(e.label)}</text>`);
  }
  for (const [state, p] of pos) {
    const terminal = !edges.some((e) => e.from === state);
    parts.push(
      `<g class="state${terminal ? ' terminal' : ''}"><rect x="${p.x - BOX_W / 2}" y="${p.y - BOX_H / 2}" width="${BOX_W}" height="${BOX_H}" rx="8"/>` +
        `<text x="${p.x}" y="${p.y + 4}" text-anchor="middle">${esc(state)}</text></g>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="state-diagram" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<title>${esc(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    '<style>.edge{fill:none;stroke:#5b6b7f;stroke-width:1.3}.edge-label{font:11px sans-serif;fill:#334}.state rect{fill:#eef4fb;stroke:#2b5c8a}.state.terminal rect{fill:#f4f4f4;stroke:#777}.state text{font:12px sans-serif;fill:#123}</style>',
    ...parts,
    '</svg>',
  ].join('\n');
}
