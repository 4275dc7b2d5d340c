import { useState } from 'react';
import { App, Button, Collapse, Empty, Form, Input, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { divisionByCode, FINANCING_INSTRUMENT_LABELS, type NeedMatch } from '@zj/shared';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { handleFormError, validated } from '../../../lib/form-errors';
import { formatDate } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useClaim } from '../../cases';
import { wanText } from '../../../lib/product-format';
import { useBankMatches } from '../hooks/use-matches';
import { MatchExplanationView, ScoreBadge } from './MatchExplanationView';

/** The API's limit of the note sent with a claim. */
const NOTE_MAX = 1000;

/** 认领: what claiming does and who is told, with a note to the enterprise; on success the case opens. */
function ClaimModal({ m, onClose }: { m: NeedMatch; onClose: () => void }) {
  const claim = useClaim();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      const c = await claim.mutateAsync({ needId: m.need.id, productId: m.productId, comment: v.comment?.trim() || undefined });
      message.success(`已认领，请在 ${c.dueOn ?? '规定时限'} 前${c.workingDaysLeft != null ? `（还有 ${c.workingDaysLeft} 个工作日）` : ''}首次联系企业`);
      onClose();
      navigate(`/cases/${c.id}`);
    } catch (e) {
      handleFormError(form, e, true);
    }
  };
  return (
    <Modal open title={`认领${m.need.enterpriseName}的融资需求？`} okText="确认认领" cancelText="返回" onOk={submit} onCancel={onClose} confirmLoading={claim.isPending} destroyOnHidden okButtonProps={testId('claim-confirm')}>
      <Typography.Paragraph data-testid="claim-consequence">
        认领后贵机构即受理这笔需求（{wanText(m.need.amount)} · {m.need.termMonths}个月，拟用产品：{m.productName}），占用该需求的一个对接名额；{m.need.enterpriseName}
        的联系方式随即可见，须在规定的工作日内首次联系企业。{m.need.enterpriseName}将收到通知。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="comment" label="给企业的附言（选填）" extra={`将随通知发给${m.need.enterpriseName}`}>
          <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount placeholder="如：客户经理将于近日电话联系，请准备项目批复文件" data-testid="claim-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A bank's workbench: open needs shared with it that fit its products, with scores, explanations and 认领. */
export default function BankWorkbenchPage() {
  const [params] = useSearchParams();
  const productId = params.get('productId') ?? undefined;
  const data = useBankMatches(productId);
  const [claiming, setClaiming] = useState<NeedMatch | null>(null);
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
                    <Button key="c" type="primary" onClick={() => setClaiming(m)} data-testid={`claim-${i}`}>
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
      {claiming ? <ClaimModal m={claiming} onClose={() => setClaiming(null)} /> : null}
    </PageContainer>
  );
}
