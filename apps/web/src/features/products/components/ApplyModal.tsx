import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Skeleton } from 'antd';
import { FINANCING_INSTRUMENT_LABELS, NeedStatus, type ProductView } from '@zj/shared';
import { formatDate } from '../../../lib/format';
import { handleFormError, validated } from '../../../lib/form-errors';
import { testId } from '../../../lib/test-id';
import { useApply } from '../../cases';
import { useNeeds } from '../../financing-needs';
import { wanText } from '../../../lib/product-format';

const NOTE_MAX = 1000;

interface ApplyValues {
  needId: string;
  comment?: string;
}

/**
 * An enterprise applies for a product with one of its open financing needs (POST /cases/apply, the
 * same flow as 匹配产品): the confirmation says what happens and who is told; the note goes to the bank.
 */
export function ApplyModal({ product, onClose }: { product: ProductView; onClose: () => void }) {
  const [form] = Form.useForm<ApplyValues>();
  const apply = useApply();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const open = useNeeds({ status: NeedStatus.OPEN, page: 1, pageSize: 100 });
  const matching = useNeeds({ status: NeedStatus.IN_MATCHMAKING, page: 1, pageSize: 100 });
  const needs = [...(open.data?.items ?? []), ...(matching.data?.items ?? [])];
  const loading = open.isLoading || matching.isLoading;

  const submit = async () => {
    setFormError(null);
    const v = await validated(form);
    if (!v) return;
    try {
      const c = await apply.mutateAsync({ needId: v.needId, productId: product.id, comment: v.comment?.trim() || undefined });
      message.success(`已向${product.bankName}提交申请，对方将${c.dueOn ? `在 ${formatDate(c.dueOn)} 前` : '尽快'}答复是否受理；进度见“对接跟踪”`);
      onClose();
      navigate(`/cases/${c.id}`);
    } catch (e) {
      setFormError(handleFormError(form, e));
    }
  };

  return (
    <Modal
      open
      title={`申请“${product.name}”`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="提交申请"
      cancelText="取消"
      confirmLoading={apply.isPending}
      okButtonProps={{ ...testId('apply-submit'), disabled: !loading && !needs.length }}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="提交后会发生什么"
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            <li>{product.bankName}会收到您的申请（站内消息，及其选择的邮件、企业微信等方式），并看到所选融资需求和您的留言。</li>
            <li>对方须在规定的工作日内答复受理或婉拒；受理后才能看到您的联系方式并与您联系。</li>
            <li>办理进度在“对接跟踪”中查看，每次变化都会通知您。</li>
          </ul>
        }
      />
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      {loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !needs.length ? (
        <Empty description="您还没有待对接的融资需求：先发布融资需求，再申请产品">
          <Button type="primary" onClick={() => navigate('/financing-needs')}>
            发布融资需求
          </Button>
        </Empty>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ needId: needs.length === 1 ? needs[0].id : undefined }}>
          <Form.Item name="needId" label="融资需求" rules={[{ required: true, message: '请选择用哪项融资需求申请' }]}>
            <Select
              loading={loading}
              placeholder="选择一项待对接的融资需求"
              options={needs.map((n) => ({
                value: n.id,
                label: `${n.projectName ?? '企业整体融资'} · ${wanText(n.amount)} · ${n.termMonths}个月 · ${FINANCING_INSTRUMENT_LABELS[n.instrument]}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="comment" label="给金融机构的附言（选填）" rules={[{ max: NOTE_MAX, message: `附言最多${NOTE_MAX}个字` }]}>
            <Input.TextArea rows={3} showCount maxLength={NOTE_MAX} placeholder="如：希望了解碳减排支持工具的利率，方便联系的时间" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
