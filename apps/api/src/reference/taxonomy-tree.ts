import type { TaxonomyNode } from '@zj/shared';

type CategoryNode = TaxonomyNode;

/** Builds the category tree from a flat list ordered parents-first or not at all. */
export function buildCategoryTree(flat: Omit<CategoryNode, 'children'>[]): CategoryNode[] {
  const nodes = new Map(flat.map((c) => [c.code, { ...c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byCode = (a: CategoryNode, b: CategoryNode) => a.code.localeCompare(b.code, 'en', { numeric: true });
  const sort = (list: CategoryNode[]) => {
    list.sort(byCode);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}
