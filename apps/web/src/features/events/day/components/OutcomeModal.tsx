import { useState } from 'react';
import { Alert, App, Descriptions, Form, Input, Modal, Radio, Select } from 'antd';
import { MEETING_RESULT_LABELS, MeetingResult, NEED_STATUS_LABELS, NeedStatus, type MeetingView } from '@zj/shared';
import { handleFormError, validated } from '../../../../lib/form-errors';
import { testId } from '../../../../lib/test-id';
import { wanText } from '../../../../lib/product-format';
import { useEnterpriseNeeds, useRecordOutcome } from '../hooks/use-event-day';
import { AMOUNT_LIMITS, intentAmountRule, NOTE_MAX, slotText, wan2 } from './day-format';

interface Values {
  held: boolean;
  result?: MeetingResult;
  amount?: string;
  needId?: string;
  note?: string;
}

/** Needs an intent can open a case on. */
const LIVE_NEEDS: readonly NeedStatus[] = [NeedStatus.OPEN, NeedStatus.IN_MATCHMAKING];

/**
 * 登记会谈结果: held or not, the result, and for 达成意向 the intended amount (万元) and the need it is
 * about. An intent opens a case in the bank's inbox: the bank (or the bureau) confirms that first.
 */
export function OutcomeModal({ eventId, meeting, byBureau, onClose }: { eventId: string; meeting: MeetingView | null; byBureau: boolean; onClose: () => void }) {
  return meeting ? <OutcomeForm key={meeting.id} eventId={eventId} meeting={meeting} byBureau={byBureau} onClose={onClose} /> : null;
}

function OutcomeForm({ eventId, meeting, byBureau, onClose }: { eventId: string; meeting: MeetingView; byBureau: boolean; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const record = useRecordOutcome(eventId);
  const held = Form.useWatch('held', form) ?? meeting.outcome?.held ?? true;
  const result = Form.useWatch('result', form);
  const amount = Form.useWatch('amount', form);
  const intent = held !== false && result === MeetingResult.INTENT;
  const o = meeting.outcome;
  /** An intent that opened a case keeps its result: only its amount and note may be corrected. */
  const caseOpened = !!o?.caseId;
  const needsChoice = intent && !meeting.needId && !caseOpened;
  const needs = useEnterpriseNeeds(needsChoice ? meeting.enterpriseOrganizationId : undefined);
  const needOptions = (needs.data?.items ?? [])
    .filter((n) => LIVE_NEEDS.includes(n.status))
    .map((n) => ({ value: n.id, label: `${n.projectName ?? '企业整体融资'} · ${wanText(n.amount)} · ${n.termMonths}个月（${NEED_STATUS_LABELS[n.status]}）` }));
  const initialValues: Values = o ? { held: o.held, result: o.result ?? undefined, amount: o.amount ?? undefined, note: o.note ?? undefined } : { held: true };

  const bankWho = byBureau ? meeting.bankName : '本机构';

  const save = async (v: Values) => {
    setError(null);
    try {
      const answer = await record.mutateAsync({
        meetingId: meeting.id,
        body: {
          held: v.held,
          ...(v.held ? { result: v.result } : {}),
          ...(v.held && v.result === MeetingResult.INTENT ? { amount: (v.amount ?? '').trim(), ...(v.needId ? { needId: v.needId } : {}) } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      });
      // The message is shown outside the router: plain text; the row links to the case.
      message.success(
        caseOpened
          ? `已更正，已通知${meeting.enterpriseName}重新确认`
          : answer.caseId ? `已登记达成意向，${bankWho}的“对接跟踪”中已有这条对接（可点“查看对接”办理），并已通知${meeting.enterpriseName}确认` : `已登记会谈结果，已通知${meeting.enterpriseName}确认`,
        6,
      );
      onClose();
    } catch (e) {
      setError(handleFormError(form, e));
    }
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    if (v.held && v.result === MeetingResult.INTENT && !caseOpened) {
      modal.confirm({
        title: '登记达成意向并新建对接？',
        content: `将在${bankWho}的“对接跟踪”中新建一条已受理的对接（来源：对接会，意向金额 ${wan2(v.amount)}；${bankWho}已在办理该需求的，并入那条对接），${bankWho === '本机构' ? '本机构' : '该金融机构'}可查看${meeting.enterpriseName}的联系方式并继续授信、放款；${meeting.enterpriseName}将收到通知并确认结果。`,
        okText: '登记并新建对接',
        cancelText: '返回修改',
        okButtonProps: testId('outcome-intent-confirm'),
        onOk: () => save(v),
      });
      return;
    }
    await save(v);
  };

  return (
    <Modal
      open
      title="登记会谈结果"
      onCancel={onClose}
      onOk={submit}
      okText="登记结果"
      confirmLoading={record.isPending}
      okButtonProps={testId('outcome-submit')}
      destroyOnHidden
      width={620}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'p', label: '会谈', children: `${meeting.enterpriseName} × ${meeting.bankName}` },
          { key: 't', label: '时间', children: `${slotText(meeting)} · ${meeting.desk} 号桌${meeting.officerName ? `（${meeting.officerName}）` : ''}` },
          ...(meeting.needTitle ? [{ key: 'n', label: '融资需求', children: meeting.needTitle }] : []),
        ]}
      />
      {caseOpened ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="这场会谈的意向已在“对接跟踪”中建立对接，结果不能再改；如需撤销，请在对接中办理。这里可更正意向金额和备注。" />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="outcome-error" /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item name="held" label="会谈是否举行" rules={[{ required: true, message: '请选择会谈是否举行' }]}>
          <Radio.Group
            disabled={caseOpened}
            data-testid="outcome-held"
            options={[
              { value: true, label: '已举行' },
              { value: false, label: '未举行' },
            ]}
          />
        </Form.Item>
        {held !== false ? (
          <Form.Item name="result" label="会谈结果" rules={[{ required: true, message: '请选择会谈结果' }]}>
            <Radio.Group
              disabled={caseOpened}
              data-testid="outcome-result"
              optionType="button"
              options={Object.values(MeetingResult).map((r) => ({ value: r, label: MEETING_RESULT_LABELS[r] }))}
            />
          </Form.Item>
        ) : null}
        {intent ? (
          <Form.Item name="amount" label="意向金额（万元）" extra={AMOUNT_LIMITS} required rules={[intentAmountRule]}>
            <Input inputMode="decimal" suffix="万元" maxLength={11} placeholder="如 500.00" data-testid="outcome-amount" />
          </Form.Item>
        ) : null}
        {needsChoice ? (
          <Form.Item
            name="needId"
            label="融资需求"
            extra="这场会谈未指定融资需求：请选择意向对应的企业融资需求，对接将建在该需求上。"
            rules={[{ required: true, message: '请选择融资需求' }]}
          >
            <Select
              loading={needs.isLoading}
              options={needOptions}
              placeholder="选择企业的融资需求"
              notFoundContent={needs.isLoading ? '加载中…' : '该企业没有可对接的融资需求（须为待对接或对接中，且对本机构可见）'}
              data-testid="outcome-need"
            />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label="备注" extra={`选填，最多 ${NOTE_MAX} 字`}>
          <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount data-testid="outcome-note" />
        </Form.Item>
      </Form>
      <Alert
        type="info"
        showIcon
        title={
          caseOpened
            ? `更正后，${meeting.enterpriseName}将收到通知并重新确认结果；对接跟踪中的对接照常办理。`
            : intent
            ? `登记后，将在${bankWho}的“对接跟踪”中新建一条已受理的对接${amount ? `（意向金额 ${wan2(amount)}）` : ''}；${meeting.enterpriseName}将收到通知并确认结果。`
            : `登记后，${meeting.enterpriseName}将收到通知并确认结果。`
        }
      />
    </Modal>
  );
}
