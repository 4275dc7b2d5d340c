import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { CASE_STATE_LABELS, CRITERION_RESULT_LABELS, CriterionResult, OrgType, Role, type CaseDetail, type ReferralProposal } from '@zj/shared';
import { Link, useNavigate } from 'react-router-dom';
import { notifyError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useCurrentUser } from '../../../lib/auth-context';
import { OrganizationSelect } from '../../organizations';
import { useRefer, useReferrals } from '../hooks/use-cases';

const RESULT_COLORS: Record<CriterionResult, string> = { [CriterionResult.MET]: 'green', [CriterionResult.PARTLY]: 'orange', [CriterionResult.NOT_MET]: 'red' };

/** Why a proposed product fits (or which one condition it misses): matching's own explanations. */
function Reasons({ p }: { p: ReferralProposal }) {
  return (
    <Collapse
      size="small"
      ghost
      items={[
        {
          key: 'r',
          label: `匹配说明：${p.match.summary}`,
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {p.match.criteria.map((c) => (
                <li key={c.criterion}>
                  <Tag color={RESULT_COLORS[c.result]}>{c.label}·{CRITERION_RESULT_LABELS[c.result]}</Tag>
                  {c.explanation}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}

/**
 * 转介 after a decline: the next best products of other banks (with matching's reasons; the near
 * misses when none fits fully, and it says so), sent on after a confirmation naming the bank that
 * will be told; the referrals already made, with links to the new cases.
 */
export function ReferralPanel({ c }: { c: CaseDetail }) {
  const user = useCurrentUser();
  const options = useReferrals(c.id, true);
  const refer = useRefer();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [comment, setComment] = useState('');
  const [bank, setBank] = useState<{ id: string; name: string } | null>(null);
  const isBureau = user.role === Role.BUREAU;
  const o = options.data;

  const confirm = (target: { productId?: string; bankOrgId?: string; bankName: string; productName?: string }) =>
    modal.confirm({
      title: `转介给${target.bankName}？`,
      content: (
        <div data-testid="referral-confirm-text">
          {isBureau ? '该企业的' : '您的'}融资需求将转给<b>{target.bankName}</b>
          {target.productName ? `（产品：${target.productName}）` : ''}，由其受理。{target.bankName}将收到通知；受理后才能看到企业的联系方式。
        </div>
      ),
      okText: '确认转介',
      cancelText: '取消',
      okButtonProps: testId('referral-confirm'),
      onOk: async () => {
        try {
          const next = await refer.mutateAsync({ id: c.id, body: { productId: target.productId, bankOrgId: target.bankOrgId, comment: comment.trim() || undefined } });
          message.success(`已转介给${target.bankName}，已通知该机构`);
          navigate(`/cases/${next.id}`);
        } catch (e) {
          notifyError(e);
        }
      },
    });

  return (
    <Card size="small" title="转介：把融资需求转给其他金融机构" style={{ marginTop: 16 }} data-testid="referrals" loading={options.isLoading}>
      {o ? (
        <Flex vertical gap={12}>
          {o.made.length ? (
            <List
              size="small"
              header={<b>已转介</b>}
              dataSource={o.made}
              data-testid="referrals-made"
              renderItem={(r) => (
                <List.Item>
                  <Link to={`/cases/${r.toCaseId}`}>
                    {r.toBankName}
                    {r.productName ? ` · ${r.productName}` : ''}
                  </Link>
                  <span>
                    {CASE_STATE_LABELS[r.state]} · {formatDateTime(r.createdAt)}
                  </span>
                </List.Item>
              )}
            />
          ) : null}
          <Alert type={!o.canRefer ? 'info' : o.widened ? 'warning' : 'success'} showIcon title={o.note} data-testid="referral-note" />
          {o.canRefer ? (
            <>
              {o.proposals.length ? (
                <List
                  dataSource={o.proposals}
                  renderItem={(p, i) => (
                    <List.Item
                      data-testid={`referral-proposal-${i}`}
                      actions={[
                        <Button key="r" type="primary" size="small" data-testid={`referral-refer-${i}`} onClick={() => confirm({ productId: p.product.id, bankName: p.product.bankName, productName: p.product.name })}>
                          转介
                        </Button>,
                      ]}
                    >
                      <List.Item.Meta
                        title={
                          <Space wrap>
                            <span>
                              {p.product.bankName} · {p.product.name}
                            </span>
                            <Tag>匹配度 {p.match.score}</Tag>
                            {p.nearMiss ? <Tag color="orange">有一项条件不符</Tag> : <Tag color="green">条件均符合</Tag>}
                          </Space>
                        }
                        description={<Reasons p={p} />}
                      />
                    </List.Item>
                  )}
                />
              ) : (
                <Empty description="暂无可转介的产品" />
              )}
              {isBureau ? (
                <Space wrap>
                  <Typography.Text>或指定金融机构：</Typography.Text>
                  <OrganizationSelect
                    type={OrgType.FINANCIAL_INSTITUTION}
                    value={bank?.id}
                    onChange={(id, org) => setBank(id ? { id, name: org?.name ?? '' } : null)}
                    style={{ width: 280 }}
                    placeholder="输入名称搜索金融机构"
                    data-testid="referral-bank"
                  />
                  <Button disabled={!bank} data-testid="referral-refer-bank" onClick={() => bank && confirm({ bankOrgId: bank.id, bankName: bank.name })}>
                    转介给该机构
                  </Button>
                </Space>
              ) : null}
              <Input.TextArea rows={2} maxLength={1000} showCount placeholder="转介说明（可选），新机构可见" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="referral-comment" />
            </>
          ) : null}
        </Flex>
      ) : null}
    </Card>
  );
}
