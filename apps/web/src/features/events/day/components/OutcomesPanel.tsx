import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { EventStatus, MEETING_ATTENDANCE_LABELS, MEETING_RESULT_LABELS, MeetingResult, Role, sumDecimal, type EventDetailView, type MeetingView } from '@zj/shared';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime } from '../../../../lib/format';
import { testId } from '../../../../lib/test-id';
import { useCurrentUser } from '../../../../lib/auth-context';
import { useAgenda, useConfirmOutcome, useSchedule } from '../hooks/use-event-day';
import { ATTENDANCE_COLORS, RESULT_COLORS, slotText, wan2 } from './day-format';
import { OutcomeModal } from './OutcomeModal';

/** Outcomes are entered once the 1:1 round has begun. */
const started = (e: EventDetailView) => e.status === EventStatus.IN_PROGRESS || e.status === EventStatus.HELD;


function OutcomeCell({ m }: { m: MeetingView }) {
  const o = m.outcome;
  if (!o) return <Typography.Text type="secondary">未登记</Typography.Text>;
  return (
    <Flex vertical gap={2} data-testid={`outcome-${m.id}`}>
      <Space size={4} wrap>
        {!o.held ? <Tag>未举行</Tag> : o.result ? <Tag color={RESULT_COLORS[o.result]}>{MEETING_RESULT_LABELS[o.result]}</Tag> : <Tag>已举行</Tag>}
        {o.result === MeetingResult.INTENT && o.amount ? <Typography.Text strong data-testid={`outcome-amount-${m.id}`}>{wan2(o.amount)}</Typography.Text> : null}
        {o.enterpriseConfirmedAt ? <Tag color="green">企业已确认</Tag> : <Tag color="orange">待企业确认</Tag>}
      </Space>
      {o.caseId ? (
        <Link to={`/cases/${o.caseId}`} data-testid={`outcome-case-${m.id}`}>
          查看对接
        </Link>
      ) : null}
      {o.note ? <Typography.Text type="secondary">{o.note}</Typography.Text> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {o.recordedByName ? `${o.recordedByName} ` : ''}登记于 {formatDateTime(o.recordedAt)}
      </Typography.Text>
    </Flex>
  );
}

type Side = 'bank' | 'enterprise' | 'bureau';

function MeetingsTable({ meetings, side, event, loading, onRecord }: { meetings: MeetingView[]; side: Side; event: EventDetailView; loading: boolean; onRecord: (m: MeetingView) => void }) {
  const { modal, message } = App.useApp();
  const confirm = useConfirmOutcome(event.id);
  const mayRecord = side !== 'enterprise' && started(event);

  const confirmOutcome = (m: MeetingView) => {
    const o = m.outcome!;
    const what = !o.held ? '会谈未举行' : `${o.result ? MEETING_RESULT_LABELS[o.result] : '已举行'}${o.result === MeetingResult.INTENT && o.amount ? `，意向金额 ${wan2(o.amount)}` : ''}`;
    modal.confirm({
      title: '确认会谈结果？',
      content: `确认${m.bankName}登记的结果：${what}。确认后，${m.bankName}和市金融工作局将看到贵企业已确认（金融机构再修改结果时会请您重新确认）；如有出入，请先联系${m.bankName}修改，不要确认。`,
      okText: '确认结果',
      cancelText: '暂不确认',
      okButtonProps: testId('outcome-confirm-ok'),
      onOk: async () => {
        try {
          await confirm.mutateAsync(m.id);
          message.success('已确认会谈结果');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  return (
    <Table<MeetingView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={meetings}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="outcomes-table"
      onRow={(m) => ({ 'data-testid': `outcome-row-${m.id}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '时间', width: 170, render: (_v, m) => slotText(m) },
        { title: '桌位', width: 120, render: (_v, m) => `${m.desk} 号桌${m.officerName ? `（${m.officerName}）` : ''}` },
        ...(side === 'enterprise' ? [] : [{ title: '企业', key: 'e', render: (_v: unknown, m: MeetingView) => m.enterpriseName }]),
        ...(side === 'bank' ? [] : [{ title: '金融机构', key: 'b', render: (_v: unknown, m: MeetingView) => m.bankName }]),
        { title: '融资需求', width: 150, render: (_v, m) => m.needTitle ?? <Typography.Text type="secondary">{m.outcome?.caseId ? '见对接' : '未指定'}</Typography.Text> },
        {
          title: '到场',
          width: 130,
          render: (_v, m) => <Tag color={ATTENDANCE_COLORS[m.attendance]}>{MEETING_ATTENDANCE_LABELS[m.attendance]}</Tag>,
        },
        { title: '结果', width: 260, render: (_v, m) => <OutcomeCell m={m} /> },
        {
          title: '操作',
          width: 120,
          render: (_v, m) => {
            if (side === 'enterprise') {
              return m.outcome && !m.outcome.enterpriseConfirmedAt ? (
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => confirmOutcome(m)} data-testid={`outcome-confirm-${m.id}`}>
                  确认结果
                </Button>
              ) : null;
            }
            // A change after the enterprise confirmed asks it to confirm again; an intent that opened a case keeps its result.
            if (!mayRecord) return null;
            return (
              <Button size="small" type={m.outcome ? 'default' : 'primary'} icon={<EditOutlined />} onClick={() => onRecord(m)} data-testid={`outcome-record-${m.id}`}>
                {m.outcome ? '修改结果' : '登记结果'}
              </Button>
            );
          },
        },
      ]}
    />
  );
}

/** A bank's or an enterprise's own meetings (their agenda). */
function PartyOutcomes({ event, side }: { event: EventDetailView; side: 'bank' | 'enterprise' }) {
  const agenda = useAgenda(event.id);
  const [recording, setRecording] = useState<MeetingView | null>(null);
  const meetings = agenda.data?.meetings ?? [];
  const pending = meetings.filter((m) => (side === 'bank' ? !m.outcome : m.outcome && !m.outcome.enterpriseConfirmedAt)).length;
  return (
    <Flex vertical gap={12} data-testid="outcomes-panel">
      {!started(event) ? (
        <Alert type="info" showIcon title={side === 'bank' ? '活动开始后，可在这里登记每场会谈的结果。' : '活动开始后，金融机构登记的会谈结果会显示在这里，请逐一确认。'} />
      ) : side === 'bank' ? (
        <Alert
          type="info"
          showIcon
          title={pending ? `还有 ${pending} 场会谈未登记结果。` : '本机构的会谈结果均已登记。'}
          description="达成意向的会谈，登记后会在本机构的“对接跟踪”中新建一条已受理的对接，并通知企业确认结果。"
        />
      ) : (
        <Alert type="info" showIcon title={pending ? `有 ${pending} 场会谈的结果待贵企业确认。` : '没有待确认的会谈结果。'} description="达成意向的会谈，金融机构将在平台上继续办理授信和放款，进度可在“对接跟踪”中查看。" />
      )}
      {agenda.isError ? <Alert type="error" showIcon title={errorMessage(agenda.error)} /> : null}
      {meetings.length || agenda.isLoading ? (
        <MeetingsTable meetings={meetings} side={side} event={event} loading={agenda.isLoading} onRecord={setRecording} />
      ) : (
        <Empty description={agenda.data && !agenda.data.publishedAt ? '市金融工作局发布日程后，这里列出本机构的一对一会谈' : '本机构在本次对接会没有一对一会谈'} />
      )}
      <OutcomeModal eventId={event.id} meeting={recording} byBureau={false} onClose={() => setRecording(null)} />
    </Flex>
  );
}

type ResultFilter = 'ALL' | 'NONE' | 'NOT_HELD' | MeetingResult;

/** The bureau: every meeting with its outcome, filtered by bank, result and enterprise. */
function BureauOutcomes({ event }: { event: EventDetailView }) {
  const schedule = useSchedule(event.id);
  const [recording, setRecording] = useState<MeetingView | null>(null);
  const [bank, setBank] = useState<string | undefined>();
  const [result, setResult] = useState<ResultFilter>('ALL');
  const [search, setSearch] = useState('');
  const meetings = useMemo(() => schedule.data?.meetings ?? [], [schedule.data]);
  const banks = useMemo(() => [...new Map(meetings.map((m) => [m.bankOrganizationId, m.bankName])).entries()].map(([value, label]) => ({ value, label })), [meetings]);
  const shown = meetings.filter((m) => {
    if (bank && m.bankOrganizationId !== bank) return false;
    if (search.trim() && !m.enterpriseName.includes(search.trim())) return false;
    if (result === 'ALL') return true;
    if (result === 'NONE') return !m.outcome;
    if (result === 'NOT_HELD') return !!m.outcome && !m.outcome.held;
    return m.outcome?.held === true && m.outcome.result === result;
  });
  const recorded = meetings.filter((m) => m.outcome).length;
  const intents = meetings.filter((m) => m.outcome?.result === MeetingResult.INTENT);
  const intentAmount = sumDecimal(intents.map((m) => m.outcome?.amount));

  return (
    <Flex vertical gap={12} data-testid="outcomes-panel">
      <Card size="small">
        <Space size={24} wrap>
          <span>会谈 {meetings.length} 场</span>
          <span data-testid="outcomes-recorded">已登记结果 {recorded} 场</span>
          <span>未登记 {meetings.length - recorded} 场</span>
          <span>
            达成意向 {intents.length} 场，意向金额 {wan2(intentAmount)}
          </span>
        </Space>
      </Card>
      <Flex gap={12} wrap>
        <Select allowClear placeholder="金融机构" style={{ width: 220 }} value={bank} onChange={setBank} options={banks} showSearch={{ optionFilterProp: 'label' }} data-testid="outcomes-bank-filter" />
        <Select<ResultFilter>
          style={{ width: 160 }}
          value={result}
          onChange={setResult}
          data-testid="outcomes-result-filter"
          options={[
            { value: 'ALL', label: '全部结果' },
            { value: 'NONE', label: '未登记' },
            { value: 'NOT_HELD', label: '未举行' },
            ...Object.values(MeetingResult).map((r) => ({ value: r, label: MEETING_RESULT_LABELS[r] })),
          ]}
        />
        <Input.Search allowClear placeholder="按企业名称查找" style={{ width: 220 }} onChange={(e) => setSearch(e.target.value)} />
      </Flex>
      {schedule.isError ? <Alert type="error" showIcon title={errorMessage(schedule.error)} /> : null}
      {!started(event) ? <Alert type="info" showIcon title="活动开始后，金融机构（或市金融工作局代为）登记每场会谈的结果。" /> : null}
      <MeetingsTable meetings={shown} side="bureau" event={event} loading={schedule.isLoading} onRecord={setRecording} />
      <OutcomeModal eventId={event.id} meeting={recording} byBureau onClose={() => setRecording(null)} />
    </Flex>
  );
}

/**
 * 会谈结果: a bank enters the outcome of each of its meetings (登记结果), the enterprise confirms it
 * (确认结果), the bureau follows all of them and may enter one for a bank.
 */
export default function OutcomesPanel({ event }: { event: EventDetailView }) {
  const user = useCurrentUser();
  if (user.role === Role.BUREAU) return <BureauOutcomes event={event} />;
  if (user.role === Role.BANK) return <PartyOutcomes event={event} side="bank" />;
  if (user.role === Role.ENTERPRISE) return <PartyOutcomes event={event} side="enterprise" />;
  return <Empty description="会谈结果由参会的金融机构登记、企业确认；活动的汇总见“活动报告”。" />;
}
