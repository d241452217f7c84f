import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowDiagramSvg, flowTitle, isFlowchart, parseFlowchart } from '../../scripts/docs-flow-diagram.js';

const chapter = readFileSync(new URL('../../spec/04-federated-architecture.md', import.meta.url), 'utf8');
const blocks = [...chapter.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('federation diagrams in spec/04', () => {
  it('has an aggregator and a gateway flowchart, each drawn as an SVG naming every node', () => {
    expect(blocks.map((b) => flowTitle(b))).toEqual([
      'Aggregator: fan-out, routing and merge',
      'Gateway: identity translation',
    ]);
    for (const b of blocks) {
      expect(isFlowchart(b)).toBe(true);
      const svg = flowDiagramSvg(b, flowTitle(b) ?? '');
      const flow = parseFlowchart(b);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="flow-diagram"/);
      for (const label of flow.labels.values())
        expect(svg).toContain(`>${label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</text>`);
      expect(svg.match(/class="edge"/g)).toHaveLength(flow.edges.length);
    }
  });

  it('parses labels given once and edge labels between bars', () => {
    const flow = parseFlowchart('flowchart TB\n a[A box] -->|go| b\n b --> c[C]\n nonsense line');
    expect([...flow.labels]).toEqual([
      ['a', 'A box'],
      ['b', 'b'],
      ['c', 'C'],
    ]);
    expect(flow.edges).toEqual([
      { from: 'a', to: 'b', label: 'go' },
      { from: 'b', to: 'c' },
    ]);
    expect(flowDiagramSvg('flowchart TB\n', 't')).toBe('');
  });
});
