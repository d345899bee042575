// Helpers to arrange units (flat list with parentId) as a tree.
import type { Id, Unit } from './api';

export type UnitNode = Unit & { children?: UnitNode[] };

function compare(a: Unit, b: Unit): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
}

/** Builds the tree; units whose parent is absent become roots. Leaves have no `children`. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>();
  for (const u of units) byId.set(String(u.id), { ...u });
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(String(node.parentId));
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (nodes: UnitNode[]) => {
    nodes.sort(compare);
    for (const n of nodes) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

export interface UnitTreeOption {
  value: Id;
  title: string;
  disabled?: boolean;
  children?: UnitTreeOption[];
}

/** TreeSelect data; ids in `excluded` are omitted (with their subtrees). */
export function unitTreeOptions(units: Unit[], excluded: Set<string> = new Set()): UnitTreeOption[] {
  const convert = (nodes: UnitNode[]): UnitTreeOption[] =>
    nodes
      .filter((n) => !excluded.has(String(n.id)))
      .map((n) => {
        const children = n.children ? convert(n.children) : [];
        return {
          value: n.id,
          title: n.active ? n.name : `${n.name}（已停用）`,
          ...(children.length ? { children } : {}),
        };
      });
  return convert(buildUnitTree(units));
}

export interface UnitOption {
  value: Id;
  label: string;
  /** Nesting depth, for indentation in the dropdown. */
  depth: number;
}

/** Flat Select options in tree order (render with unitOptionRender for indentation). */
export function unitSelectOptions(units: Unit[]): UnitOption[] {
  const out: UnitOption[] = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const n of nodes) {
      out.push({ value: n.id, label: n.active ? n.name : `${n.name}（已停用）`, depth });
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(buildUnitTree(units), 0);
  return out;
}
