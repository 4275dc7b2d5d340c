import { useState } from 'react';
import { Col, Empty, Input, Pagination, Row, Select, Space, Spin } from 'antd';
import { PRODUCT_TYPE_LABELS, ProductType } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { DivisionSelect } from '../../reference';
import { useCatalogue } from '../hooks/use-products';
import { ProductCard } from './ProductCard';

/** 绿色金融产品超市: every published product, filterable. */
export default function ProductCataloguePage() {
  const [q, setQ] = useState('');
  const [type, setType] = useState<ProductType | undefined>();
  const [county, setCounty] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useCatalogue({ q: q || undefined, type, county, page, pageSize: 12 });
  return (
    <PageContainer title="绿色金融产品超市" description="已发布、在有效期内的绿色金融产品。">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder="产品或机构名称" allowClear onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} data-testid="catalogue-search" />
        <Select allowClear placeholder="产品类型" style={{ width: 160 }} value={type} onChange={(v) => { setType(v); setPage(1); }} options={Object.values(ProductType).map((t) => ({ value: t, label: PRODUCT_TYPE_LABELS[t] }))} />
        <DivisionSelect allowClear style={{ width: 180 }} placeholder="服务区县" value={county} onChange={(v) => { setCounty(v); setPage(1); }} />
      </Space>
      <Spin spinning={list.isFetching}>
        {list.data?.items.length ? (
          <Row gutter={[12, 12]} data-testid="catalogue-list">
            {list.data.items.map((p) => (
              <Col key={p.id} xs={24} md={12} xl={8}>
                <ProductCard p={p} />
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description="暂无符合条件的产品" />
        )}
      </Spin>
      <Pagination style={{ marginTop: 12 }} current={page} pageSize={12} total={list.data?.total ?? 0} onChange={setPage} showTotal={(t) => `共 ${t} 个产品`} />
    </PageContainer>
  );
}
