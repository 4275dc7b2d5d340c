import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import {
  COLLATERAL_KIND_LABELS,
  ENTERPRISE_SIZE_LABELS,
  PRODUCT_TYPE_LABELS,
  ProductStatus,
  Role,
  divisionByCode,
  type CategoryRule,
  type CollateralKind,
  type EnterpriseSize,
  type ProductView,
  type TaxonomyNode,
} from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { queryKeys } from '../../../lib/query-keys';
import { useAuth } from '../../../lib/auth-context';
import { fetchTaxonomyTree, useTaxonomies } from '../../reference';
import { useProduct } from '../hooks/use-products';
import { ApplyModal } from './ApplyModal';
import { amountRange, rateText, termRange } from '../../../lib/product-format';

function flatten(nodes: TaxonomyNode[], into = new Map<string, string>()): Map<string, string> {
  for (const n of nodes) {
    into.set(n.code, n.name);
    flatten(n.children, into);
  }
  return into;
}

/** The product's eligible categories by name (the catalogues are public reference data). */
function useCategoryNames(rules: CategoryRule[]) {
  const versions = [...new Set(rules.map((r) => r.version))];
  const taxonomies = useTaxonomies();
  const trees = useQueries({
    queries: versions.map((version) => ({
      queryKey: queryKeys.reference.taxonomies.tree(version),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchTaxonomyTree(version, signal),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map(versions.map((v, i) => [v, trees[i]?.data ? flatten(trees[i].data) : undefined]));
  return rules.map((r) => ({
    key: `${r.version}/${r.prefix}`,
    catalogue: taxonomies.data?.find((t) => t.version === r.version)?.name ?? r.version,
    code: r.prefix,
    name: names.get(r.version)?.get(r.prefix),
  }));
}

function Categories({ p }: { p: ProductView }) {
  const categories = useCategoryNames(p.categoryRules);
  if (!categories.length) return <span>不限绿色类别</span>;
  return (
    <Space direction="vertical" size={2} data-testid="product-categories">
      {categories.map((c) => (
        <span key={c.key}>
          {c.name ?? '（类别名称加载中）'}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {c.code} · {c.catalogue}
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
}

/** 绿色金融产品超市's product page: anyone may read it; a signed-in enterprise applies from here. */
export default function ProductDetailPage() {
  const { id } = useParams<{ id: string }>();
  const product = useProduct(id);
  const { status, user } = useAuth();
  const navigate = useNavigate();
  const [applying, setApplying] = useState(false);

  if (product.isError) {
    const notFound = product.error instanceof ApiError && product.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'warning'}
        title={notFound ? '产品不存在或已下架' : '产品暂时无法显示'}
        extra={
          <Button type="primary" onClick={() => navigate('/products')}>
            返回产品超市
          </Button>
        }
      />
    );
  }
  const p = product.data;
  if (!p) return <Skeleton active />;

  const signedIn = status === 'authenticated' && !!user;
  const action = !signedIn ? (
    <Button type="primary" onClick={() => navigate('/login', { state: { from: `/products/${p.id}` } })}>
      登录后申请
    </Button>
  ) : user.role === Role.ENTERPRISE && p.status === ProductStatus.PUBLISHED ? (
    <Button type="primary" onClick={() => setApplying(true)}>
      申请
    </Button>
  ) : null;

  return (
    <PageContainer
      title={p.name}
      description={
        <Space wrap>
          <Tag color="green">{PRODUCT_TYPE_LABELS[p.type]}</Tag>
          <span data-testid="product-bank">{p.bankName}</span>
          {p.isDemo ? <Tag>演示数据</Tag> : null}
        </Space>
      }
      extra={
        <>
          <Button onClick={() => navigate('/products')}>返回产品超市</Button>
          {action}
        </>
      }
    >
      {!signedIn ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              企业用户登录后可用融资需求申请此产品；还没有账号？<Link to="/register">注册企业账号</Link>
            </span>
          }
        />
      ) : null}
      <Card title="产品介绍" size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.description || '—'}</Typography.Paragraph>
      </Card>
      <Card title="产品条件" size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          data-testid="product-terms"
          items={[
            { key: 'bank', label: '金融机构', children: p.bankName },
            { key: 'amount', label: '额度（万元）', children: amountRange(p) },
            { key: 'term', label: '期限（月）', children: termRange(p) },
            { key: 'rate', label: '利率', children: rateText(p) },
            { key: 'categories', label: '支持的绿色类别', span: 2, children: <Categories p={p} /> },
            {
              key: 'collateral',
              label: '担保方式',
              children: p.collateralAccepted.length ? p.collateralAccepted.map((c) => COLLATERAL_KIND_LABELS[c as CollateralKind] ?? c).join('、') : '信用（无需担保）',
            },
            { key: 'counties', label: '服务区域', children: p.counties.length ? p.counties.map((c) => divisionByCode(c)?.name ?? c).join('、') : '湛江全市' },
            { key: 'sizes', label: '企业规模', children: p.enterpriseSizes.length ? p.enterpriseSizes.map((s) => ENTERPRISE_SIZE_LABELS[s as EnterpriseSize] ?? s).join('、') : '不限' },
            { key: 'grade', label: '绿色评级', children: p.minGreenGrade ? `${p.minGreenGrade} 级及以上` : '不限' },
            { key: 'valid', label: '有效期', children: p.validFrom || p.validUntil ? `${p.validFrom ? formatDate(p.validFrom) : "即日"} 至 ${p.validUntil ? formatDate(p.validUntil) : '长期'}` : '长期有效' },
            { key: 'materials', label: '所需材料', span: 2, children: p.requiredMaterials.length ? p.requiredMaterials.join('、') : '—' },
            { key: 'contact', label: '联系人', children: p.contactName ? `${p.contactName}${p.contactPhone ? ` ${p.contactPhone}` : ''}` : '—' },
          ]}
        />
        {p.tags.length ? (
          <div style={{ marginTop: 8 }}>
            {p.tags.map((t) => (
              <Tag key={t} color="blue">
                {t}
              </Tag>
            ))}
          </div>
        ) : null}
      </Card>
      {applying && signedIn ? <ApplyModal product={p} onClose={() => setApplying(false)} /> : null}
    </PageContainer>
  );
}
