/**
 * Finds import circles among the TypeScript files below the given folders.
 * Every edge counts: `import`, `import type`, `export … from`, `import('…')`
 * expressions and `import('…')` types, because a type-only circle still ties
 * two modules together (neither can move or be understood alone), even though
 * the compiler erases it. Only relative specifiers are followed; `.js` is read
 * as the `.ts` file next to it, as NodeNext resolution does.
 *
 * `npx tsx scripts/import-cycles.ts` prints the circles in src/ and conformance/
 * and exits 1 when there is one; test/architecture.test.ts runs the same search.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { isMain } from './gen-lib.js';
import { ROOT } from './schema-io.js';

/** The folders whose files must import one another without a circle. */
export const CYCLE_FREE = ['src', 'conformance'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The module specifiers a file names, in every form of import or re-export. TypeScript's pre-processing
 * scanner reads them without building a syntax tree, which keeps the search over the whole tree fast.
 */
export function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** file → the files of the graph it imports (paths relative to root). */
export function importGraph(root: string, folders: readonly string[]): Map<string, string[]> {
  const files = folders.flatMap((f) => tsFiles(resolve(root, f)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')))
      .filter((t) => known.has(t))
      .map((t) => relative(root, t));
    graph.set(relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

/**
 * The circles of the graph: one per strongly connected component of more than
 * one file (or a file importing itself), shown as the shortest path round it
 * from its first file, `a.ts → b.ts → a.ts`.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const edges = graph.get(frame.node) ?? [];
      const to = edges[frame.edge++];
      if (to !== undefined) {
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        const selfLoop = component.length === 1 && edges.includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.map((c) => shortestRound(graph, c)).sort();
}

/** The shortest path from the component's first file back to itself, staying inside the component. */
function shortestRound(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string {
  const inside = new Set(component);
  const first = component[0] ?? '';
  const cameFrom = new Map<string, string>();
  const queue = [first];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] ?? '';
    for (const to of graph.get(node) ?? []) {
      if (!inside.has(to)) continue;
      if (to === first) {
        const path = [node];
        for (let at = cameFrom.get(node); at !== undefined; at = cameFrom.get(at)) path.unshift(at);
        if (path[0] !== first) path.unshift(first);
        return [...path, first].join(' → ');
      }
      if (!cameFrom.has(to) && to !== first) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return component.join(' ↔ ');
}

if (isMain(import.meta.url)) {
  const cycles = importCycles(importGraph(ROOT, CYCLE_FREE));
  for (const cycle of cycles) console.log(cycle);
  console.log(cycles.length === 0 ? 'no import circles' : `${cycles.length} import circle(s)`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
