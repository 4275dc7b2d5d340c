import { useMemo, useState } from 'react';
import { Descriptions, Empty, Flex, Input, Spin, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { TaxonomyNode } from '@zj/shared';
import { useTaxonomyTree } from '../hooks/use-taxonomies';

const LEVEL_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };

/** Keeps the nodes that match (code or name) and the ancestors of matches. */
function filterTree(nodes: TaxonomyNode[], text: string): TaxonomyNode[] {
  if (!text) return nodes;
  const out: TaxonomyNode[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children ?? [], text);
    if (n.code.includes(text) || n.name.includes(text) || children.length) out.push({ ...n, children });
  }
  return out;
}

function toTreeData(nodes: TaxonomyNode[]): DataNode[] {
  return nodes.map((n) => ({
    key: n.code,
    title: (
      <span>
        <span className="zj-mono" style={{ marginInlineEnd: 6 }}>
          {n.code}
        </span>
        {n.name}
      </span>
    ),
    children: toTreeData(n.children ?? []),
  }));
}

function collectCodes(nodes: TaxonomyNode[], into = new Map<string, TaxonomyNode>()): Map<string, TaxonomyNode> {
  for (const n of nodes) {
    into.set(n.code, n);
    collectCodes(n.children ?? [], into);
  }
  return into;
}

/** One version's categories as a searchable tree, with the chosen category's description. */
export function TaxonomyTreePanel({ version }: { version: string }) {
  const { data, isLoading, isError } = useTaxonomyTree(version);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const text = search.trim();

  const filtered = useMemo(() => filterTree(data ?? [], text), [data, text]);
  const treeData = useMemo(() => toTreeData(filtered), [filtered]);
  const byCode = useMemo(() => collectCodes(data ?? []), [data]);
  const node = selected ? byCode.get(selected) : undefined;

  if (isLoading) return <Spin description="加载分类目录…" style={{ display: 'block', padding: 32 }} />;
  if (isError) return <Empty description="分类目录加载失败" />;

  return (
    <Flex vertical gap={12}>
      <Input.Search allowClear placeholder="按代码或名称筛选，如 1.1 或 节能" onChange={(e) => setSearch(e.target.value)} data-testid="taxonomy-search" />
      {treeData.length === 0 ? (
        <Empty description={text ? '没有匹配的分类' : '该版本暂无分类'} />
      ) : (
        <Tree
          key={text ? `search:${text}` : 'all'}
          treeData={treeData}
          height={460}
          defaultExpandAll={Boolean(text)}
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : null)}
          blockNode
          data-testid="taxonomy-tree"
        />
      )}
      {node ? (
        <div data-testid="taxonomy-node-detail">
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'code', label: '代码', children: <span className="zj-mono">{node.code}</span> },
              { key: 'name', label: '名称', children: node.name },
              { key: 'level', label: '层级', children: LEVEL_LABELS[node.level] ?? node.level },
              {
                key: 'standards',
                label: '引用标准',
                children: node.standards.length ? node.standards.map((s) => <div key={s}>{s}</div>) : '—',
              },
              {
                key: 'desc',
                label: '说明',
                children: node.description ? (
                  <Typography.Paragraph style={{ marginBottom: 0 }}>{node.description}</Typography.Paragraph>
                ) : (
                  '—'
                ),
              },
            ]}
          />
        </div>
      ) : (
        <Typography.Text type="secondary">选择一个分类查看其说明。</Typography.Text>
      )}
    </Flex>
  );
}
