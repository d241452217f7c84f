import type { ComponentNode, ScopeNode } from '../walker.js';
import { isObject } from '../../util/index.js';

/** The client-assigned name of a component (`meta.name`), when it is a string. */
export function nameOf(n: Pick<ComponentNode, 'value'>): string | undefined {
  const meta = n.value.meta;
  return isObject(meta) && typeof meta.name === 'string' ? meta.name : undefined;
}

export function uuidOf(n: Pick<ComponentNode, 'value'>): string | undefined {
  const meta = n.value.meta;
  return isObject(meta) && typeof meta.uuid === 'string' ? meta.uuid : undefined;
}

/** Name → components and uuid → components of one family list. */
export function identifiers(list: readonly ComponentNode[]): Map<string, ComponentNode[]> {
  const map = new Map<string, ComponentNode[]>();
  for (const n of list) {
    for (const id of [nameOf(n), uuidOf(n)]) {
      if (id === undefined) continue;
      const l = map.get(id);
      if (l) {
        if (!l.includes(n)) l.push(n);
      } else map.set(id, [n]);
    }
  }
  return map;
}

/** Every named component of a scope, in document order. */
export function scopeComponents(scope: ScopeNode): ComponentNode[] {
  const out: ComponentNode[] = [];
  if (scope.executable) out.push(scope.executable);
  if (scope.compute) out.push(scope.compute);
  out.push(...scope.volumes, ...scope.storage, ...scope.data);
  return out;
}
