import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { divisionByCode, PRODUCT_STATUS_LABELS, PRODUCT_TYPE_LABELS, type ProductView } from '@zj/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { amountRange, rateText, termRange } from '../../../lib/product-format';

/** A product as a card: what it lends, how much, how long, at what price, where; its name opens the product's page. */
export function ProductCard({ p, extra, children }: { p: ProductView; extra?: ReactNode; children?: ReactNode }) {
  return (
    <Card
      size="small"
      data-testid={`product-card-${p.id}`}
      title={
        <Space>
          <Link to={`/products/${p.id}`} data-testid="product-name">
            {p.name}
          </Link>
          <Tag color="green">{PRODUCT_TYPE_LABELS[p.type]}</Tag>
          {p.status !== 'PUBLISHED' ? <Tag>{PRODUCT_STATUS_LABELS[p.status]}</Tag> : null}
        </Space>
      }
      extra={extra}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {p.bankName} · {p.description}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'a', label: '额度', children: amountRange(p) },
          { key: 't', label: '期限', children: termRange(p) },
          { key: 'r', label: '利率', children: rateText(p) },
          { key: 'c', label: '服务区域', children: p.counties.length ? p.counties.map((c) => divisionByCode(c)?.name ?? c).join('、') : '湛江全市' },
        ]}
      />
      {p.tags.map((t) => (
        <Tag key={t} color="blue">
          {t}
        </Tag>
      ))}
      {children}
    </Card>
  );
}
