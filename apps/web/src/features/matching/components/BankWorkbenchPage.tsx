import { App, Button, Collapse, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { divisionByCode, FINANCING_INSTRUMENT_LABELS, type NeedMatch } from '@zj/shared';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { notifyError } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useClaim } from '../../cases/hooks/use-cases';
import { wanText } from '../../products/components/product-format';
import { useBankMatches } from '../hooks/use-matches';
import { MatchExplanationView, ScoreBadge } from './MatchExplanationView';

/** A bank's workbench: open needs shared with it that fit its products, with scores, explanations and 认领. */
export default function BankWorkbenchPage() {
  const [params] = useSearchParams();
  const productId = params.get('productId') ?? undefined;
  const data = useBankMatches(productId);
  const claim = useClaim();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onClaim = async (m: NeedMatch) => {
    try {
      const c = await claim.mutateAsync({ needId: m.need.id, productId: m.productId });
      message.success('已认领，请在时限内联系企业');
      navigate(`/cases/${c.id}`);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <PageContainer title="推荐需求" description={productId ? '与所选产品匹配的融资需求。' : '向本机构共享、与本机构产品匹配的融资需求，按匹配度排序。企业联系方式在认领或受理后可见。'}>
      <Spin spinning={data.isLoading}>
        {data.data?.length ? (
          <List
            data-testid="workbench-list"
            dataSource={data.data}
            renderItem={(m, i) => (
              <List.Item
                data-testid={`workbench-row-${i}`}
                actions={[
                  m.caseId ? (
                    <Link key="c" to={`/cases/${m.caseId}`}>查看对接</Link>
                  ) : (
                    <Button key="c" type="primary" onClick={() => onClaim(m)} loading={claim.isPending} data-testid={`claim-${i}`}>
                      认领
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  avatar={<ScoreBadge score={m.match.score} />}
                  title={
                    <Space wrap>
                      <span>{m.need.enterpriseName}</span>
                      <Tag>{m.need.divisionCode ? (divisionByCode(m.need.divisionCode)?.name ?? m.need.divisionCode) : '—'}</Tag>
                      <span>{wanText(m.need.amount)} · {m.need.termMonths}个月 · {FINANCING_INSTRUMENT_LABELS[m.need.instrument]}</span>
                    </Space>
                  }
                  description={
                    <>
                      <Typography.Text type="secondary">
                        {m.need.projectName ?? '企业整体融资'} · {m.need.purpose} · 发布于 {formatDate(m.need.createdAt)} · 适用产品：{m.productName}
                      </Typography.Text>
                      <Collapse size="small" ghost items={[{ key: 'x', label: '匹配说明', children: <MatchExplanationView match={m.match} /> }]} />
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty description="暂无匹配的融资需求" />
        )}
      </Spin>
    </PageContainer>
  );
}
