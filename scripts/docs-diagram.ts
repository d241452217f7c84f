/** What the docs' flow and state diagrams share: the edge list they are drawn from and the ranking of their rows. */

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
}

/**
 * Longest-path rank of every node: a node sits one row below the lowest of its predecessors. A cycle is cut
 * after as many passes as there are nodes.
 */
export function longestPathRanks(nodes: Iterable<string>, edges: readonly DiagramEdge[]): Map<string, number> {
  const rank = new Map([...nodes].map((n) => [n, 0]));
  for (let pass = 0; pass < rank.size; pass++) {
    let changed = false;
    for (const e of edges) {
      const next = (rank.get(e.from) ?? 0) + 1;
      if (next > (rank.get(e.to) ?? 0)) {
        rank.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return rank;
}
