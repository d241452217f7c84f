/**
 * Renders a Mermaid `flowchart` block (`a[Label] -->|edge label| b[Label]` lines) as an inline SVG, like
 * docs-state-diagram.ts does for the lifecycle: no browser-side Mermaid, no network. Layout: each node in the
 * row of its longest path from a source, nodes of a row side by side, edges straight with their label halfway.
 */
import { escapeMarkup as esc } from '../src/util/index.js';
import { type DiagramEdge, longestPathRanks } from './docs-diagram.js';

export type FlowEdge = DiagramEdge;

export interface Flow {
  labels: Map<string, string>;
  edges: FlowEdge[];
}

const BOX_W = 150;
const BOX_H = 32;
const ROW_H = 84;
const COL_W = 180;
const MARGIN = 24;

const NODE = String.raw`([A-Za-z_][\w]*)(?:\[([^\]]*)\])?`;
const EDGE = new RegExp(String.raw`^\s*${NODE}\s*-->\s*(?:\|([^|]*)\|\s*)?${NODE}\s*$`);

/** True for a Mermaid block this renderer draws. */
export function isFlowchart(source: string): boolean {
  return /^\s*(?:flowchart|graph)\b/.test(source);
}

/** The title a `%% Title` comment line gives the flowchart, if any. */
export function flowTitle(source: string): string | undefined {
  return /^\s*%%\s*(.+?)\s*$/m.exec(source)?.[1];
}

/** Nodes (with their labels) and edges of a flowchart; other lines are ignored. */
export function parseFlowchart(source: string): Flow {
  const labels = new Map<string, string>();
  const edges: FlowEdge[] = [];
  for (const raw of source.split('\n')) {
    const m = EDGE.exec(raw);
    if (!m?.[1] || !m[4]) continue;
    const [from, fromLabel, label, to, toLabel] = [m[1], m[2], m[3], m[4], m[5]];
    if (fromLabel !== undefined || !labels.has(from)) labels.set(from, fromLabel ?? labels.get(from) ?? from);
    if (toLabel !== undefined || !labels.has(to)) labels.set(to, toLabel ?? labels.get(to) ?? to);
    const edge: FlowEdge = { from, to };
    if (label?.trim()) edge.label = label.trim();
    edges.push(edge);
  }
  return { labels, edges };
}

/** An SVG drawing of the flowchart, with a <title> for screen readers; '' when it has no edges. */
export function flowDiagramSvg(source: string, title: string): string {
  const flow = parseFlowchart(source);
  if (flow.edges.length === 0) return '';
  const rank = longestPathRanks(flow.labels.keys(), flow.edges);
  const rows = new Map<number, string[]>();
  for (const [node, r] of rank) rows.set(r, [...(rows.get(r) ?? []), node]);
  const widest = Math.max(...[...rows.values()].map((r) => r.length));
  const width = MARGIN * 2 + widest * COL_W;
  const height = MARGIN * 2 + rows.size * ROW_H - (ROW_H - BOX_H);
  const pos = new Map<string, { x: number; y: number }>();
  for (const [r, nodes] of rows) {
    const offset = (width - nodes.length * COL_W) / 2;
    nodes.forEach((n, i) => pos.set(n, { x: offset + COL_W / 2 + i * COL_W, y: MARGIN + r * ROW_H + BOX_H / 2 }));
  }
  const parts: string[] = [];
  for (const e of flow.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    parts.push(
      `<path d="M${a.x},${a.y + BOX_H / 2} L${b.x},${b.y - BOX_H / 2}" class="edge" marker-end="url(#flow-arrow)"/>`,
    );
    if (e.label) {
      parts.push(
        `<text x="${(a.x + b.x) / 2 + 6}" y="${(a.y + b.y) / 2 + 4}" class="edge-label">${esc(e.label)}</text>`,
      );
    }
  }
  for (const [node, p] of pos) {
    parts.push(
      `<g class="node"><rect x="${p.x - BOX_W / 2}" y="${p.y - BOX_H / 2}" width="${BOX_W}" height="${BOX_H}" rx="6"/>` +
        `<text x="${p.x}" y="${p.y + 4}" text-anchor="middle">${esc(flow.labels.get(node) ?? node)}</text></g>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<title>${esc(title)}</title>`,
    '<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    '<style>.edge{fill:none;stroke:#5b6b7f;stroke-width:1.3}.edge-label{font:11px sans-serif;fill:#334}.node rect{fill:#eef4fb;stroke:#2b5c8a}.node text{font:12px sans-serif;fill:#123}</style>',
    ...parts,
    '</svg>',
  ].join('\n');
}
