import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { formatMeasure, ReportAddressee, ReportingFrequency, ReportStatus, REPORTING_FREQUENCY_LABELS, Role, UNIT_ROLE_LABELS, WORK_ITEM_STATUS_LABELS, type PlanOverviewRow } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { validated } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { numberRule, rangeHint, wholeNumber, yearNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { useAuth } from '../../../lib/auth-context';
import { downloadEvidence } from '../api/plan-api';
import { useAcceptReport, useCreatePeriod, useOverview, usePeriods, useReport, useReturnReport } from '../hooks/use-plan';
import { ReportStatusTag } from './labels';

/** 报送审核 (bureau; regulators read): periods, every unit's report of a period, overdue units, accept or return. */
export default function PlanReviewPage() {
  const { user } = useAuth();
  const bureau = user?.role === Role.BUREAU;
  const [params, setParams] = useSearchParams();
  const periods = usePeriods();
  const periodId = params.get('period') ?? periods.data?.items[0]?.id;
  const overview = useOverview(periodId);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [pendingOnly, setPendingOnly] = useState(false);
  const rows = (overview.data?.items ?? []).filter((r) => !pendingOnly || (r.status === ReportStatus.SUBMITTED && r.addressee === ReportAddressee.BUREAU));

  return (
    <PageContainer
      title="报送审核"
      description="各责任单位的进展报告：牵头单位汇总配合单位报告后报送，市金融工作局审核通过或退回；逾期未报的单位标红。"
      extra={
        bureau ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="period-create">
            设置报送期
          </Button>
        ) : null
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            报送期
            <Select
              style={{ width: 220 }}
              value={periodId}
              onChange={(v) => setParams({ period: v })}
              options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（已报${p.submitted ?? 0}/${p.reporters ?? 0}）` }))}
              data-testid="review-period-select"
            />
            {overview.data ? <Typography.Text type="secondary">截止 {formatDateTime(overview.data.period.dueAt)}</Typography.Text> : null}
            <Checkbox checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} data-testid="review-pending-only">
              只看待审核
            </Checkbox>
          </Space>
        </Card>
        {overview.data?.behind.length ? (
          <Alert
            type="error"
            showIcon
            data-testid="review-behind"
            message={`逾期未报：${overview.data.behind.map((b) => `${b.name}（${b.overdue}项）`).join('、')}`}
          />
        ) : null}
        <Table<PlanOverviewRow>
          rowKey={(r) => `${r.taskId}:${r.organizationId}`}
          size="small"
          loading={overview.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 200, hideOnSinglePage: true }}
          columns={[
            { title: '任务', width: 260, render: (_v, r) => `（${r.taskNumber}）${r.taskTitle}` },
            { title: '单位', dataIndex: 'organizationName' },
            { title: '职责', width: 120, render: (_v, r) => UNIT_ROLE_LABELS[r.role] },
            { title: '报送对象', width: 100, render: (_v, r) => (r.addressee === ReportAddressee.LEAD ? '牵头单位' : '市金融工作局') },
            { title: '状态', width: 160, render: (_v, r) => <ReportStatusTag status={r.status} overdue={r.overdue} testId={`review-status-${r.taskNumber}-${r.organizationId}`} /> },
            { title: '报送时间', width: 150, render: (_v, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '—') },
            {
              title: '',
              width: 80,
              render: (_v, r) =>
                r.reportId && r.status !== ReportStatus.DRAFT ? (
                  <Typography.Link onClick={() => setOpen(r.reportId)} data-testid={`review-open-${r.taskNumber}-${r.organizationId}`}>
                    查看
                  </Typography.Link>
                ) : null,
            },
          ]}
        />
      </Space>
      <ReportDrawer id={open} onClose={() => setOpen(null)} mayDecide={bureau} />
      <CreatePeriodModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => setParams({ period: id })} />
    </PageContainer>
  );
}

function ReportDrawer({ id, onClose, mayDecide }: { id: string | null; onClose: () => void; mayDecide: boolean }) {
  const { message } = App.useApp();
  const report = useReport(id ?? undefined);
  const accept = useAcceptReport();
  const ret = useReturnReport();
  const [comment, setComment] = useState('');
  const r = report.data;
  const decidable = mayDecide && r?.addressee === ReportAddressee.BUREAU && r.status === ReportStatus.SUBMITTED;
  return (
    <Drawer open={id !== null} onClose={onClose} width={720} title={r ? `（${r.taskNumber}）${r.taskTitle} · ${r.organizationName}` : '报告'} data-testid="review-drawer">
      {r ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="报送期">{r.periodName}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <ReportStatusTag status={r.status} overdue={r.overdue} testId="review-report-status" />
            </Descriptions.Item>
            <Descriptions.Item label="报送时间">{r.submittedAt ? formatDateTime(r.submittedAt) : '—'}</Descriptions.Item>
            <Descriptions.Item label="按时">{r.onTime === null ? '—' : r.onTime ? '按时' : '迟报'}</Descriptions.Item>
          </Descriptions>
          {r.items.map((i) => (
            <Card key={i.workItemId} size="small" title={<Typography.Text style={{ whiteSpace: 'normal' }}>{i.workItem}</Typography.Text>}>
              <Tag>{WORK_ITEM_STATUS_LABELS[i.status]}</Tag> 完成 {i.shareDone}%
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{i.narrative}</Typography.Paragraph>
            </Card>
          ))}
          {r.summary ? <Typography.Paragraph>总体进展：{r.summary}</Typography.Paragraph> : null}
          {r.indicatorValues.map((v) => (
            <Typography.Text key={v.indicatorId}>
              {v.name}：{formatMeasure(v.value, v.unit)}（截至{v.asOf}）{v.note ? ` ${v.note}` : ''}
            </Typography.Text>
          ))}
          {r.files.map((f) => (
            <Button key={f.id} type="link" onClick={() => downloadEvidence(f.id, f.fileName).catch((e) => message.error(errorMessage(e)))}>
              {f.fileName}
            </Button>
          ))}
          {r.contributions?.length ? (
            <Card size="small" title="配合单位报告">
              {r.contributions.map((c) => (
                <div key={c.organizationId}>
                  <Typography.Text strong>{c.organizationName}</Typography.Text> <ReportStatusTag status={c.report?.status ?? null} />
                  {c.report?.items.map((i) => <div key={i.workItemId}>{i.narrative}</div>)}
                </div>
              ))}
            </Card>
          ) : null}
          {decidable ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="退回意见（退回时必填）" data-testid="review-comment" />
              <Space>
                <Button
                  type="primary"
                  loading={accept.isPending}
                  onClick={() => accept.mutateAsync({ id: r.id, version: r.version }).then(() => message.success('已审核通过')).catch((e) => message.error(errorMessage(e)))}
                  data-testid="review-accept"
                >
                  审核通过
                </Button>
                <Button
                  danger
                  loading={ret.isPending}
                  onClick={() =>
                    ret
                      .mutateAsync({ id: r.id, version: r.version, comment })
                      .then(() => {
                        setComment('');
                        message.success('已退回');
                      })
                      .catch((e) => message.error(errorMessage(e)))
                  }
                  data-testid="review-return"
                >
                  退回
                </Button>
              </Space>
            </Space>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

const PERIOD_YEAR = yearNumber('年份', { required: true });
const WORK_YEAR = yearNumber('工作清单年度');
const PERIOD_INDEX = {
  [ReportingFrequency.MONTHLY]: wholeNumber('月份', 1, 12, { unit: '月', required: true }),
  [ReportingFrequency.QUARTERLY]: wholeNumber('季度', 1, 4, { unit: '季度', required: true }),
};

function CreatePeriodModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { message } = App.useApp();
  const create = useCreatePeriod();
  const [form] = Form.useForm();
  const frequency: ReportingFrequency = Form.useWatch('frequency', form) ?? ReportingFrequency.MONTHLY;
  const indexSpec = PERIOD_INDEX[frequency];
  return (
    <Modal
      title="设置报送期"
      open={open}
      onCancel={onClose}
      okButtonProps={testId('period-create-ok')}
      confirmLoading={create.isPending}
      onOk={() =>
        validated(form).then((v) =>
          v &&
          create
            .mutateAsync({ frequency: v.frequency, year: v.year, index: v.index, workYear: v.workYear ?? undefined, dueAt: (v.dueAt as dayjs.Dayjs).toISOString() })
            .then((p) => {
              message.success(`已设置${p.name}，各责任单位将收到提醒`);
              onCreated(p.id);
              onClose();
            })
            .catch((e) => message.error(errorMessage(e))),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ frequency: ReportingFrequency.MONTHLY, year: dayjs().year(), index: dayjs().month() + 1 }}>
        <Form.Item name="frequency" label="频率" rules={[{ required: true }]}>
          <Select options={Object.values(ReportingFrequency).map((f) => ({ value: f, label: REPORTING_FREQUENCY_LABELS[f] }))} />
        </Form.Item>
        <Space>
          <Form.Item name="year" label="年份" rules={[numberRule(PERIOD_YEAR)]} extra={rangeHint(PERIOD_YEAR)}>
            <InputNumber />
          </Form.Item>
          <Form.Item name="index" label={indexSpec.label} dependencies={['frequency']} rules={[numberRule(indexSpec)]} extra={rangeHint(indexSpec)}>
            <InputNumber />
          </Form.Item>
          <Form.Item name="workYear" label="工作清单年度（默认同年份）" rules={[numberRule(WORK_YEAR)]} extra={rangeHint(WORK_YEAR)}>
            <InputNumber />
          </Form.Item>
        </Space>
        <Form.Item name="dueAt" label="截止时间" rules={[{ required: true, message: '请选择截止时间' }]}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
