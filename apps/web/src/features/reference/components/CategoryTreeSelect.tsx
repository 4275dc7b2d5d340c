import { useMemo } from 'react';
import { Tag, TreeSelect, type TreeSelectProps } from 'antd';
import type { TaxonomyNode } from '@zj/shared';
import { useTaxonomyTree } from '../hooks/use-taxonomies';

/** The catalogue whose tree the pickers show (绿色产业指导目录（2019年版）). */
export const CATEGORY_TREE_VERSION = 'GIC-2019';

interface CategoryOption {
  value: string;
  title: string;
  /** What the search box matches: code, name and everyday keywords (光伏 finds 3.2.2). */
  search: string;
  selectable: boolean;
  children?: CategoryOption[];
}

function toOptions(nodes: TaxonomyNode[], leavesOnly: boolean): CategoryOption[] {
  return nodes.map((n) => ({
    value: n.code,
    title: `${n.code} ${n.name}`,
    search: [n.code, n.name, ...(n.keywords ?? [])].join(' ').toLowerCase(),
    selectable: !leavesOnly || n.level === 3,
    children: n.children?.length ? toOptions(n.children, leavesOnly) : undefined,
  }));
}

interface CategoryTreeSelectProps extends Omit<TreeSelectProps<string[]>, 'treeData' | 'multiple' | 'showSearch'> {
  /**
   * `leaf` (a project's own categories): only third-level categories can be chosen;
   * `any` (a product's eligible categories): a category of any level, which stands for all below it.
   */
  pick?: 'leaf' | 'any';
  version?: string;
}

/**
 * Green categories chosen from the catalogue tree, searched by code, name or everyday word; value =
 * category codes. Used where enterprises register projects and where banks set a product's eligible
 * categories.
 */
export function CategoryTreeSelect({ pick = 'leaf', version = CATEGORY_TREE_VERSION, placeholder = '《绿色产业指导目录（2019年版）》：输入名称、代码或“光伏”等关键词查找', ...rest }: CategoryTreeSelectProps) {
  const tree = useTaxonomyTree(version);
  const treeData = useMemo(() => toOptions(tree.data ?? [], pick === 'leaf'), [tree.data, pick]);
  return (
    <TreeSelect<string[]>
      multiple
      allowClear
      treeData={treeData}
      showSearch={{ treeNodeFilterProp: 'search', filterTreeNode: (input, node) => String((node as unknown as CategoryOption).search).includes(input.trim().toLowerCase()) }}
      placeholder={placeholder}
      loading={tree.isLoading}
      listHeight={320}
      {...rest}
    />
  );
}

/** The names of category codes (prefixes of any level), as tags; codes not in the catalogue show as they are. */
export function CategoryTags({ codes, version = CATEGORY_TREE_VERSION, empty = '不限' }: { codes: string[]; version?: string; empty?: string }) {
  const tree = useTaxonomyTree(codes.length ? version : undefined);
  const names = useMemo(() => {
    const out = new Map<string, string>();
    const walk = (nodes: TaxonomyNode[]) =>
      nodes.forEach((n) => {
        out.set(n.code, n.name);
        if (n.children?.length) walk(n.children);
      });
    walk(tree.data ?? []);
    return out;
  }, [tree.data]);
  if (!codes.length) return <>{empty}</>;
  return (
    <>
      {codes.map((c) => (
        <Tag key={c} color="green" style={{ whiteSpace: 'normal', marginBottom: 4 }}>
          {names.get(c) ? `${c} ${names.get(c)}` : c}
        </Tag>
      ))}
    </>
  );
}
