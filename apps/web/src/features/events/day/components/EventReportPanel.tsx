import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type * as echarts from 'echarts';
import { MEETING_RESULT_LABELS, MeetingResult, type EventDetailView, type EventReport } from '@zj/shared';
import { EChart } from '../../../../components/EChart';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime, formatPercent } from '../../../../lib/format';
import { downloadReport } from '../api/event-day-api';
import { useEventReport } from '../hooks/use-event-day';
import { ratio, wan2 } from './day-format';

type BankRow = EventReport['byBank'][number];

function Figure({ title, value, suffix, testId, hint }: { title: string; value: string | number; suffix?: string; testId: string; hint?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} suffix={suffix} data-testid={testId} />
      {hint ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text> : null}
    </Card>
  );
}

const pct = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === null ? '—' : formatPercent(r, 1);
};

/**
 * 活动报告 (bureau, regulators): registrations, attendance, meetings requested / placed / held, intents
 * and what has since been approved and disbursed (live from the cases), with a funnel, a chart by
 * bank and the .xlsx export.
 */
export default function EventReportPanel({ event }: { event: EventDetailView }) {
  const { message } = App.useApp();
  const report = useEventReport(event.id);
  const [exporting, setExporting] = useState(false);
  const r = report.data;

  const funnel = useMemo<echarts.EChartsOption | null>(() => {
    if (!r) return null;
    const steps = [
      { name: '报名', value: r.registrations },
      { name: '签到', value: r.checkedIn },
      { name: '会谈', value: r.meetingsHeld },
      { name: '意向', value: r.intents.count },
      { name: '授信', value: r.approvedCount },
      { name: '放款', value: r.disbursedCount },
    ];
    const colors = ['#b7e4c7', '#95d5b2', '#74c69d', '#52b788', '#2d6a4f', '#1b4332'];
    return {
      tooltip: { trigger: 'item', formatter: '{b}：{c}' },
      series: [
        {
          name: '数量',
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          top: 10,
          bottom: 10,
          minSize: '8%',
          gap: 2,
          label: { show: true, position: 'inside', formatter: '{b} {c}' },
          data: steps.map((s, i) => ({ ...s, itemStyle: { color: colors[i] }, label: { color: i < 3 ? '#1b4332' : '#fff' } })),
        },
      ],
    };
  }, [r]);

  const byBank = useMemo<echarts.EChartsOption | null>(() => {
    if (!r?.byBank.length) return null;
    const banks = r.byBank.map((b) => b.organization.name);
    const series = (name: string, pick: (b: BankRow) => string, color: string) => ({ name, type: 'bar' as const, barMaxWidth: 36, data: r.byBank.map((b) => Number(pick(b))), itemStyle: { color } });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(2)} 万元` },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 64 },
      xAxis: { type: 'category', data: banks, axisLabel: { interval: 0, rotate: banks.length > 4 ? 30 : 0, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'value', name: '万元' },
      series: [series('意向金额', (b) => b.intentAmount, '#91caff'), series('已授信', (b) => b.approvedAmount, '#1677ff'), series('已放款', (b) => b.disbursedAmount, '#2e7d32')],
    };
  }, [r]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadReport(event.id, event.title);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  if (!r) {
    return report.isError ? <Alert type="error" showIcon title={errorMessage(report.error)} /> : <Card loading size="small" />;
  }
  const intentAmount = Number(r.intents.amount);

  return (
    <Flex vertical gap={16} data-testid="event-report">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" data-testid="report-as-of">
          数据截至 {formatDateTime(r.asOf, true)}（授信、放款随对接办理实时更新）
        </Typography.Text>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => report.refetch()} loading={report.isFetching} data-testid="report-refresh">
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting} data-testid="report-export">
            导出 Excel
          </Button>
        </Flex>
      </Flex>

      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Figure title="报名机构" value={r.registrations} suffix="家" testId="report-registrations" hint={`企业 ${r.registrationsByType.enterprises} · 金融机构 ${r.registrationsByType.banks}${r.waitlisted ? ` · 候补 ${r.waitlisted}` : ''}`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure title="签到" value={r.checkedIn} suffix="家" testId="report-checked-in" hint={`签到率 ${pct(r.checkedIn, r.registrations)} · 未到 ${r.noShows}`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure title="会谈 申请 / 接受 / 排定 / 举行" value={`${r.meetingsRequested} / ${r.meetingsAccepted} / ${r.meetingsPlaced} / ${r.meetingsHeld}`} testId="report-meetings" hint={`举行率 ${pct(r.meetingsHeld, r.meetingsPlaced)}`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure title="签约意向" value={wan2(r.intents.amount)} testId="report-intent-amount" hint={`${r.intents.count} 项`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure title="已授信" value={wan2(r.approvedAmount)} testId="report-approved-amount" hint={`${r.approvedCount} 项 · 占意向金额 ${pct(Number(r.approvedAmount), intentAmount)}`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure title="已放款" value={wan2(r.disbursedAmount)} testId="report-disbursed-amount" hint={`${r.disbursedCount} 项 · 占意向金额 ${pct(Number(r.disbursedAmount), intentAmount)}`} />
        </Col>
      </Row>

      <Card size="small" title="会谈结果">
        <Flex gap={24} wrap data-testid="report-results">
          {Object.values(MeetingResult).map((k) => (
            <span key={k}>
              {MEETING_RESULT_LABELS[k]} <Typography.Text strong>{r.results[k] ?? 0}</Typography.Text> 场
            </span>
          ))}
          <span>
            意向转化：授信 <Typography.Text strong data-testid="report-approval-rate">{pct(r.approvedCount, r.intents.count)}</Typography.Text>（按项数），放款{' '}
            <Typography.Text strong data-testid="report-disbursement-rate">{pct(r.disbursedCount, r.intents.count)}</Typography.Text>（按项数）
          </span>
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title="转化漏斗：报名 → 签到 → 会谈 → 意向 → 授信 → 放款">
            {funnel ? <EChart option={funnel} testId="report-funnel" title="对接会转化：报名、签到、会谈、意向、授信、放款" height={300} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="按金融机构：意向、授信与放款（万元）">
            {byBank ? <EChart option={byBank} testId="report-by-bank-chart" title="按金融机构：意向、授信与放款（万元）" height={300} /> : <Empty description="尚无金融机构的会谈或意向" />}
          </Card>
        </Col>
      </Row>

      <Card size="small" title="按金融机构">
        <Table<BankRow>
          rowKey={(b) => b.organization.id}
          size="small"
          pagination={false}
          dataSource={r.byBank}
          data-testid="report-by-bank"
          columns={[
            { title: '金融机构', render: (_v, b) => b.organization.name },
            { title: '举行会谈', width: 100, align: 'right', dataIndex: 'meetingsHeld' },
            { title: '签约意向', width: 100, align: 'right', dataIndex: 'intents' },
            { title: '意向金额', width: 150, align: 'right', render: (_v, b) => wan2(b.intentAmount) },
            { title: '已授信', width: 150, align: 'right', render: (_v, b) => wan2(b.approvedAmount) },
            { title: '已放款', width: 150, align: 'right', render: (_v, b) => wan2(b.disbursedAmount) },
            { title: '放款 / 意向', width: 110, align: 'right', render: (_v, b) => pct(Number(b.disbursedAmount), Number(b.intentAmount)) },
          ]}
        />
      </Card>
    </Flex>
  );
}
