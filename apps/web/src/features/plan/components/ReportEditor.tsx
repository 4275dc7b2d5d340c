import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Timeline, Typography, Upload, type ButtonProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import {
  PLAN_EVIDENCE_TYPES,
  REPORT_ACTION_LABELS,
  REPORT_STATUS_LABELS,
  ReportAddressee,
  ReportStatus,
  UNIT_ROLE_LABELS,
  UnitRole,
  WORK_ITEM_STATUS_LABELS,
  WorkItemStatus,
  type PlanContribution,
  type PlanReportItemInput,
  type ReportAction,
} from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { numberProblem, rangeHint, wholeNumber } from '../../../lib/number-rules';
import { downloadEvidence } from '../api/plan-api';
import { useMyReport, useReturnReport, useSaveReport, useSubmitReport, useUploadEvidence } from '../hooks/use-plan';
import { ReportStatusTag } from './labels';

const EDITABLE = [ReportStatus.DRAFT, ReportStatus.RETURNED];
const SHARE_DONE = wholeNumber('完成比例（%）', 0, 100, { unit: '%', required: true });

/** A unit's own report on one task for one period: work items, summary, indicator values, evidence; a lead also sees and returns its cooperating units' reports. */
export function ReportEditor({ periodId, taskId }: { periodId: string; taskId: string }) {
  const { message, modal } = App.useApp();
  const view = useMyReport(periodId, taskId);
  const save = useSaveReport();
  const submit = useSubmitReport();
  const upload = useUploadEvidence();
  const [summary, setSummary] = useState('');
  const [items, setItems] = useState<PlanReportItemInput[]>([]);
  const [values, setValues] = useState<Record<string, { value: string; asOf: string; note: string }>>({});

  const data = view.data;
  const report = data?.report ?? null;
  useEffect(() => {
    if (!data) return;
    setSummary(data.report?.summary ?? '');
    setItems(
      data.workItems.map((w) => {
        const r = data.report?.items.find((i) => i.workItemId === w.id);
        return { workItemId: w.id, status: r?.status ?? WorkItemStatus.NOT_STARTED, narrative: r?.narrative ?? '', shareDone: r?.shareDone ?? 0 };
      }),
    );
    setValues(Object.fromEntries((data.report?.indicatorValues ?? []).map((v) => [v.indicatorId, { value: v.value, asOf: v.asOf, note: v.note ?? '' }])));
  }, [data]);

  if (!data) return <Card loading />;
  const editable = !report || EDITABLE.includes(report.status);
  // A share out of range stays as typed, with its message under it; nothing is saved until it is corrected.
  const shareProblems = items.map((it) => numberProblem(SHARE_DONE, it.shareDone));
  const invalid = shareProblems.some(Boolean);
  const setItem = (i: number, patch: Partial<PlanReportItemInput>) => setItems((prev) => prev.map((it, k) => (k === i ? { ...it, ...patch } : it)));
  const body = () => ({
    version: report?.version,
    summary,
    items,
    // Only the task's current indicators: a draft may hold a value of one the bureau has since deleted or moved.
    indicatorValues: Object.entries(values)
      .filter(([id, v]) => v.value.trim() !== '' && data.indicators.some((ind) => ind.id === id))
      .map(([indicatorId, v]) => ({ indicatorId, value: v.value.trim(), asOf: v.asOf, ...(v.note ? { note: v.note } : {}) })),
  });
  const doSave = async () => {
    const saved = await save.mutateAsync({ periodId, taskId, body: body() });
    message.success('已保存');
    return saved;
  };
  const toLead = data.addressee === ReportAddressee.LEAD;
  const consolidating = data.role === UnitRole.LEAD && data.contributions.some((c) => c.report && c.report.status === ReportStatus.SUBMITTED);
  const doSubmit = async () => {
    try {
      const saved = await save.mutateAsync({ periodId, taskId, body: body() });
      await submit.mutateAsync({ id: saved.id, version: saved.version });
      message.success(toLead ? '已报送牵头单位，牵头单位将汇总后报送市金融工作局；如被退回，会通知您修改' : '已报送市金融工作局，等待审核；如被退回，会通知您修改');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  // Submitting is final until the report is returned: confirmed with what happens and who is told.
  const confirmSubmit = () =>
    modal.confirm({
      title: `报送${data.period.name}的工作进展？`,
      content: `报送后报告不能再修改（被退回后可修改重报）；${toLead ? '牵头单位' : '市金融工作局'}将收到待审核通知。${consolidating ? '已报送的配合单位报告随之记为已汇总。' : ''}`,
      okText: '确认报送',
      cancelText: '返回',
      okButtonProps: { 'data-testid': 'report-submit-confirm' } as ButtonProps,
      onOk: doSubmit,
    });
  const useContributions = () => {
    setItems((prev) =>
      prev.map((it) => {
        const lines = data.contributions
          .filter((c) => c.report && c.report.status !== ReportStatus.DRAFT)
          .flatMap((c) => c.report!.items.filter((x) => x.workItemId === it.workItemId && x.narrative).map((x) => `${c.organizationName}：${x.narrative}`));
        return lines.length ? { ...it, narrative: [it.narrative, ...lines].filter(Boolean).join('\n') } : it;
      }),
    );
  };

  return (
    <Card
      size="small"
      data-testid="report-editor"
      title={`（${data.task.number}）${data.task.title} · ${data.period.name}`}
      extra={
        <Space>
          <Tag>{UNIT_ROLE_LABELS[data.role]}</Tag>
          <Typography.Text type="secondary">报送对象：{data.addressee === ReportAddressee.LEAD ? '牵头单位' : '市金融工作局'}</Typography.Text>
          <ReportStatusTag status={report?.status ?? null} overdue={report?.overdue} testId="report-status" />
        </Space>
      }
    >
      {report?.status === ReportStatus.RETURNED && report.returnComment ? (
        <Alert type="warning" showIcon message={`已退回：${report.returnComment}`} style={{ marginBottom: 12 }} data-testid="report-return-comment" />
      ) : null}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {data.workItems.map((w, i) => (
          <Card key={w.id} size="small" type="inner" title={<Typography.Text style={{ whiteSpace: 'normal' }}>{w.text}</Typography.Text>}>
            <Flex vertical gap={8}>
              <Radio.Group
                disabled={!editable}
                value={items[i]?.status}
                onChange={(e) => setItem(i, { status: e.target.value })}
                buttonStyle="solid"
              >
                {Object.values(WorkItemStatus).map((s) => (
                  <Radio.Button key={s} value={s}>
                    <span data-testid={`report-item-${i}-status-${s}`}>{WORK_ITEM_STATUS_LABELS[s]}</span>
                  </Radio.Button>
                ))}
              </Radio.Group>
              <Input.TextArea
                disabled={!editable}
                rows={3}
                placeholder="工作进展、成效、存在问题"
                value={items[i]?.narrative}
                onChange={(e) => setItem(i, { narrative: e.target.value })}
                data-testid={`report-item-${i}-narrative`}
              />
              <Form.Item label="完成比例" validateStatus={shareProblems[i] ? 'error' : undefined} help={shareProblems[i] ?? rangeHint(SHARE_DONE)} style={{ marginBottom: 0 }}>
                <InputNumber disabled={!editable} value={items[i]?.shareDone} onChange={(v) => setItem(i, { shareDone: v as number })} addonAfter="%" data-testid={`report-item-${i}-share`} />
              </Form.Item>
            </Flex>
          </Card>
        ))}
        {data.indicators.length ? (
          <Card size="small" type="inner" title="指标数值（本单位报送）">
            {data.indicators.map((ind) => {
              const v = values[ind.id] ?? { value: '', asOf: new Date().toISOString().slice(0, 10), note: '' };
              const set = (patch: Partial<typeof v>) => setValues((prev) => ({ ...prev, [ind.id]: { ...v, ...patch } }));
              return (
                <Space key={ind.id} wrap style={{ marginBottom: 8 }}>
                  <Typography.Text>{ind.name}</Typography.Text>
                  <Input disabled={!editable} style={{ width: 120 }} value={v.value} onChange={(e) => set({ value: e.target.value })} suffix={ind.unit} data-testid={`report-indicator-${ind.code}`} />
                  <Input disabled={!editable} style={{ width: 130 }} value={v.asOf} onChange={(e) => set({ asOf: e.target.value })} placeholder="YYYY-MM-DD" />
                  <Input disabled={!editable} style={{ width: 260 }} value={v.note} onChange={(e) => set({ note: e.target.value })} placeholder="口径、来源" />
                </Space>
              );
            })}
          </Card>
        ) : null}
        <Input.TextArea disabled={!editable} rows={3} placeholder="总体进展（可选）" value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="report-summary" />
        {report ? (
          <Space wrap>
            <Typography.Text>佐证材料：</Typography.Text>
            {report.files.map((f) => (
              <Button key={f.id} type="link" onClick={() => downloadEvidence(f.id, f.fileName).catch((e) => message.error(errorMessage(e)))}>
                {f.fileName}
              </Button>
            ))}
            {editable ? (
              <Upload
                showUploadList={false}
                accept={Object.keys(PLAN_EVIDENCE_TYPES).map((e) => `.${e}`).join(',')}
                customRequest={({ file, onSuccess, onError }) =>
                  upload
                    .mutateAsync({ id: report.id, file: file as File })
                    .then((r) => {
                      onSuccess?.(r);
                      message.success('已上传');
                    })
                    .catch((e) => {
                      onError?.(e);
                      message.error(errorMessage(e));
                    })
                }
              >
                <Button icon={<UploadOutlined />} data-testid="report-upload">
                  上传（pdf/jpg/png/docx/xlsx，10MB内）
                </Button>
              </Upload>
            ) : null}
          </Space>
        ) : null}
        {editable ? (
          <Space>
            <Button onClick={() => doSave().catch((e) => message.error(errorMessage(e)))} loading={save.isPending} disabled={invalid} data-testid="report-save">
              保存草稿
            </Button>
            <Button type="primary" onClick={confirmSubmit} loading={submit.isPending} disabled={invalid} data-testid="report-submit">
              {data.role === UnitRole.LEAD ? '汇总并报送' : '报送'}
            </Button>
            {data.role === UnitRole.LEAD && data.contributions.some((c) => c.report) ? (
              <Button onClick={useContributions} data-testid="report-use-contributions">
                引用配合单位进展
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Space>
      {data.role === UnitRole.LEAD ? <Contributions contributions={data.contributions} /> : null}
      {report?.history.length ? (
        <Card size="small" type="inner" title="报送记录" style={{ marginTop: 12 }}>
          <Timeline
            items={report.history.map((h) => ({
              children: `${formatDateTime(h.at)} ${h.actorOrgName ?? ''} ${REPORT_ACTION_LABELS[h.action as ReportAction] ?? h.action} → ${REPORT_STATUS_LABELS[h.toStatus as ReportStatus] ?? h.toStatus}${h.comment ? `：${h.comment}` : ''}`,
            }))}
          />
        </Card>
      ) : null}
    </Card>
  );
}

/** The cooperating units' reports a lead consolidates (or returns with a comment). */
function Contributions({ contributions }: { contributions: PlanContribution[] }) {
  const { message } = App.useApp();
  const ret = useReturnReport();
  const [returning, setReturning] = useState<PlanContribution | null>(null);
  const [comment, setComment] = useState('');
  return (
    <Card size="small" type="inner" title="配合单位报送情况" style={{ marginTop: 12 }}>
      <Table<PlanContribution>
        rowKey="organizationId"
        size="small"
        pagination={false}
        dataSource={contributions}
        columns={[
          { title: '配合单位', dataIndex: 'organizationName' },
          { title: '状态', render: (_v, c) => <ReportStatusTag status={c.report?.status ?? null} testId={`contribution-status-${c.organizationId}`} /> },
          {
            title: '进展',
            render: (_v, c) =>
              c.report?.items.map((i) => (
                <div key={i.workItemId}>
                  {WORK_ITEM_STATUS_LABELS[i.status]}（{i.shareDone}%）：{i.narrative}
                </div>
              )),
          },
          {
            title: '操作',
            width: 90,
            render: (_v, c) =>
              c.report?.status === ReportStatus.SUBMITTED ? (
                <Button size="small" danger onClick={() => setReturning(c)} data-testid={`contribution-return-${c.organizationId}`}>
                  退回
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        title={`退回${returning?.organizationName ?? ''}的报告`}
        open={returning !== null}
        onCancel={() => setReturning(null)}
        onOk={() =>
          ret
            .mutateAsync({ id: returning!.report!.id, version: returning!.report!.version, comment })
            .then(() => {
              setReturning(null);
              setComment('');
              message.success('已退回');
            })
            .catch((e) => message.error(errorMessage(e)))
        }
      >
        <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="退回意见" data-testid="contribution-return-comment" />
      </Modal>
    </Card>
  );
}
