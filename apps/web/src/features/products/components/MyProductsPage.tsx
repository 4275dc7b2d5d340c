import { useState } from 'react';
import { App, Button, Space, Table, Tag } from 'antd';
import { PRODUCT_STATUS_LABELS, PRODUCT_TYPE_LABELS, ProductStatus, type ProductView } from '@zj/shared';
import { Link } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { notifyError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { CategoryTags } from '../../reference';
import { useMyProducts, useProductStatus } from '../hooks/use-products';
import { amountRange, rateText, termRange } from '../../../lib/product-format';
import { ProductFormModal } from './ProductFormModal';

/** A bank's own products: drafts, published and withdrawn. */
export default function MyProductsPage() {
  const [page, setPage] = useState(1);
  const list = useMyProducts({ page, pageSize: 20 });
  const status = useProductStatus();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ProductView | null | undefined>(undefined);
  const act = async (p: ProductView, action: 'publish' | 'withdraw') => {
    try {
      await status.mutateAsync({ id: p.id, version: p.version, action });
      message.success(action === 'publish' ? '已发布，进入产品超市并参与匹配' : '已下架');
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <PageContainer
      title="产品管理"
      description="本机构的绿色金融产品。发布后进入公开的产品超市，并参与与融资需求的智能匹配。"
      extra={
        <Button type="primary" onClick={() => setEditing(null)} data-testid="product-create">
          新建产品
        </Button>
      }
    >
      <Table<ProductView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items}
        data-testid="my-products"
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: '产品名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'type', render: (t: ProductView['type']) => PRODUCT_TYPE_LABELS[t] },
          { title: '额度', render: (_, p) => amountRange(p) },
          { title: '期限', render: (_, p) => termRange(p) },
          { title: '利率', render: (_, p) => rateText(p) },
          { title: '支持的绿色类别', width: 260, render: (_, p) => <CategoryTags codes={p.categoryRules.map((r) => r.prefix)} version={p.categoryRules[0]?.version} /> },
          { title: '状态', dataIndex: 'status', render: (s: ProductStatus) => <Tag color={s === ProductStatus.PUBLISHED ? 'green' : undefined}>{PRODUCT_STATUS_LABELS[s]}</Tag> },
          { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => setEditing(p)}>修改</Button>
                {p.status !== ProductStatus.PUBLISHED ? (
                  <Button size="small" type="primary" onClick={() => act(p, 'publish')} data-testid={`product-publish-${p.name}`}>
                    发布
                  </Button>
                ) : (
                  <>
                    <Button size="small" onClick={() => act(p, 'withdraw')}>下架</Button>
                    <Link to={`/bank-workbench?productId=${p.id}`}>匹配需求</Link>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {/* Keyed by the product: a form opened while the last one is still closing starts from this product's values. */}
      <ProductFormModal key={editing?.id ?? 'new'} open={editing !== undefined} product={editing} onClose={() => setEditing(undefined)} />
    </PageContainer>
  );
}
