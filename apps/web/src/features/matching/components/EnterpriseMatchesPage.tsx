import { App, Button, Card, Collapse, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { FINANCING_INSTRUMENT_LABELS, type ProductMatch } from '@zj/shared';
import { useNavigate } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { notifyError } from '../../../lib/errors';
import { useApply } from '../../cases/hooks/use-cases';
import { amountRange, rateText, termRange, wanText } from '../../products/components/product-format';
import { useEnterpriseMatches } from '../hooks/use-matches';
import { MatchExplanationView, ScoreBadge } from './MatchExplanationView';

function ProductRow({ needId, m, rank }: { needId: string; m: ProductMatch; rank: number }) {
  const apply = useApply();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onApply = async () => {
    try {
      const c = await apply.mutateAsync({ needId, productId: m.product.id });
      message.success('已提交申请，等待金融机构受理');
      navigate(`/cases/${c.id}`);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <List.Item data-testid={`match-row-${rank}`} actions={[<Button key="a" type="primary" loading={apply.isPending} onClick={onApply} data-testid={`apply-${rank}`}>申请</Button>]}>
      <List.Item.Meta
        avatar={<ScoreBadge score={m.match.score} testId={`match-score-${rank}`} />}
        title={
          <Space>
            <span data-testid={`match-product-${rank}`}>{m.product.name}</span>
            <Typography.Text type="secondary">{m.product.bankName}</Typography.Text>
          </Space>
        }
        description={
          <>
            <div>额度 {amountRange(m.product)} · 期限 {termRange(m.product)} · 利率 {rateText(m.product)}</div>
            <Collapse size="small" ghost items={[{ key: 'x', label: '匹配说明', children: <MatchExplanationView match={m.match} testId={`match-explanation-${rank}`} /> }]} defaultActiveKey={rank === 0 ? ['x'] : []} />
          </>
        }
      />
    </List.Item>
  );
}

/** The enterprise's open needs, each with its ranked products, the explanation, and the near misses. */
export default function EnterpriseMatchesPage() {
  const data = useEnterpriseMatches();
  return (
    <PageContainer title="匹配产品" description="根据您的融资需求推荐的绿色金融产品，按匹配度排序；每项条件均说明符合、部分符合或不符合。">
      <Spin spinning={data.isLoading}>
        {!data.data?.length ? <Empty description="暂无待对接的融资需求" /> : null}
        {data.data?.map((n) => (
          <Card
            key={n.needId}
            style={{ marginBottom: 16 }}
            data-testid={`need-matches-${n.needId}`}
            title={`${n.need.projectName ?? '企业整体融资'} · ${wanText(n.need.amount)} · ${n.need.termMonths}个月 · ${FINANCING_INSTRUMENT_LABELS[n.need.instrument]}`}
          >
            {n.matches.length ? (
              <List dataSource={n.matches} renderItem={(m, i) => <ProductRow needId={n.needId} m={m} rank={i} />} />
            ) : (
              <Empty description="暂无完全匹配的产品" />
            )}
            {n.nearMisses.length ? (
              <div style={{ marginTop: 8 }}>
                <Typography.Text strong>差一项即可匹配：</Typography.Text>
                {n.nearMisses.map((m) => (
                  <div key={m.product.id} data-testid="near-miss">
                    <Tag>{m.product.bankName}</Tag>
                    {m.product.name}：{m.match.summary}
                  </div>
                ))}
              </div>
            ) : null}
          </Card>
        ))}
      </Spin>
    </PageContainer>
  );
}
