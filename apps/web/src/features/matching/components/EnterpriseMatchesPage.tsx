import { useState } from 'react';
import { App, Button, Card, Collapse, Empty, Form, Input, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { FINANCING_INSTRUMENT_LABELS, type NeedSummary, type ProductMatch } from '@zj/shared';
import { useNavigate } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { handleFormError, validated } from '../../../lib/form-errors';
import { testId } from '../../../lib/test-id';
import { useApply } from '../../cases';
import { amountRange, rateText, termRange, wanText } from '../../../lib/product-format';
import { useEnterpriseMatches } from '../hooks/use-matches';
import { MatchExplanationView, ScoreBadge } from './MatchExplanationView';

/** The API's limit of the note sent with an application. */
const NOTE_MAX = 1000;

/** 申请: what applying does and who is told, with a note to the bank; on success the case opens. */
function ApplyModal({ need, m, open, onClose }: { need: NeedSummary; m: ProductMatch; open: boolean; onClose: () => void }) {
  const apply = useApply();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      const c = await apply.mutateAsync({ needId: need.id, productId: m.product.id, comment: v.comment?.trim() || undefined });
      message.success(`已向${m.product.bankName}提交申请；对方须在 ${c.dueOn ?? '规定时限'} 前受理或婉拒，结果会通知您`);
      onClose();
      navigate(`/cases/${c.id}`);
    } catch (e) {
      handleFormError(form, e, true);
    }
  };
  return (
    <Modal
      open={open}
      title={`申请${m.product.name}？`}
      okText="确认申请"
      cancelText="返回"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={apply.isPending}
      destroyOnHidden
      okButtonProps={testId('apply-confirm')}
    >
      <Typography.Paragraph data-testid="apply-consequence">
        将以融资需求“{need.projectName ?? '企业整体融资'} · {wanText(need.amount)} · {need.termMonths}个月”向{m.product.bankName}申请该产品。{m.product.bankName}
        将收到通知，并须在规定的工作日内受理或婉拒；受理后对方可看到贵企业的联系方式。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="comment" label="给金融机构的附言（选填）" extra={`将随申请通知发给${m.product.bankName}`}>
          <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount placeholder="如：项目已取得环评批复，希望尽快面谈" data-testid="apply-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProductRow({ need, m, rank }: { need: NeedSummary; m: ProductMatch; rank: number }) {
  const [open, setOpen] = useState(false);
  return (
    <List.Item data-testid={`match-row-${rank}`} actions={[<Button key="a" type="primary" onClick={() => setOpen(true)} data-testid={`apply-${rank}`}>申请</Button>]}>
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
      {open ? <ApplyModal need={need} m={m} open onClose={() => setOpen(false)} /> : null}
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
              <List dataSource={n.matches} renderItem={(m, i) => <ProductRow need={n.need} m={m} rank={i} />} />
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
