import {
  CASE_STATE_LABELS,
  CaseState,
  MEETING_ATTENDANCE_LABELS,
  MEETING_PRIORITY_LABELS,
  MEETING_RESULT_LABELS,
  MeetingResult,
  type EventReport,
  type IntentView,
  type MeetingView,
} from '@zj/shared';
import ExcelJS from 'exceljs';
import { zhanjiangDate, zhanjiangDateTime } from '../../common/time';

/** Amount cells: 万元 with two decimals. */
const AMOUNT_FMT = '#,##0.00';

/** No cell may start a formula (names and notes come from users). */
function cell(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const amount = (v: string | null) => (v === null ? null : Number(v));
const time = (iso: string | null) => (iso ? zhanjiangDateTime(new Date(iso)) : '');

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number; amount?: boolean }[], rows: unknown[][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, style: c.amount ? { numFmt: AMOUNT_FMT } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F3EC' } };
  for (const r of rows) ws.addRow(r.map(cell));
  return ws;
}

export const REPORT_SHEETS = ['概况', '会谈', '签约意向', '按机构'] as const;

/** The figures of 概况, in order, as [label, value, unit]. Amounts are numbers in 万元. */
export function overviewRows(r: EventReport): [string, number, string][] {
  return [
    ['报名单位（已报名）', r.registrations, '家'],
    ['其中：企业', r.registrationsByType.enterprises, '家'],
    ['其中：金融机构', r.registrationsByType.banks, '家'],
    ['候补', r.waitlisted, '家'],
    ['已签到', r.checkedIn, '家'],
    ['未到场', r.noShows, '家'],
    ['会谈申请', r.meetingsRequested, '场'],
    ['已接受的会谈申请', r.meetingsAccepted, '场'],
    ['已安排会谈', r.meetingsPlaced, '场'],
    ['已举行会谈', r.meetingsHeld, '场'],
    [`结果：${MEETING_RESULT_LABELS[MeetingResult.NO_INTEREST]}`, r.results.NO_INTEREST, '场'],
    [`结果：${MEETING_RESULT_LABELS[MeetingResult.FOLLOW_UP]}`, r.results.FOLLOW_UP, '场'],
    [`结果：${MEETING_RESULT_LABELS[MeetingResult.INTENT]}`, r.results.INTENT, '场'],
    ['签约意向', r.intents.count, '项'],
    ['签约意向金额', Number(r.intents.amount), '万元'],
    ['已授信对接', r.approvedCount, '笔'],
    ['已授信金额', Number(r.approvedAmount), '万元'],
    ['已放款对接', r.disbursedCount, '笔'],
    ['已放款金额', Number(r.disbursedAmount), '万元'],
  ];
}

/**
 * The event report as a workbook: 概况 (the report's figures), 会谈 (every meeting placed, with
 * attendance and outcome), 签约意向 (each intent with its case's live state and amounts), 按机构
 * (per bank). Amounts are numbers in 万元 with two decimals; times in Asia/Shanghai.
 */
export function buildReportWorkbook(event: { title: string; startsAt: Date; venue: string }, report: EventReport, meetings: MeetingView[], intents: IntentView[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '湛江绿色金融对接平台';
  wb.created = new Date(report.asOf);

  const overview = wb.addWorksheet(REPORT_SHEETS[0]);
  overview.columns = [{ width: 26 }, { width: 18 }, { width: 8 }];
  overview.addRow([cell(event.title)]).font = { bold: true, size: 14 };
  overview.addRow(['活动时间', zhanjiangDateTime(event.startsAt)]);
  overview.addRow(['地点', cell(event.venue)]);
  overview.addRow(['统计截至', time(report.asOf)]);
  overview.addRow([]);
  const head = overview.addRow(['指标', '数值', '单位']);
  head.font = { bold: true };
  for (const [label, value, unit] of overviewRows(report)) {
    const row = overview.addRow([label, value, unit]);
    if (unit === '万元') row.getCell(2).numFmt = AMOUNT_FMT;
  }

  sheet(
    wb,
    REPORT_SHEETS[1],
    [
      { header: '时段', width: 6 },
      { header: '开始时间', width: 17 },
      { header: '桌号', width: 6 },
      { header: '金融机构', width: 28 },
      { header: '客户经理', width: 10 },
      { header: '企业', width: 28 },
      { header: '优先级', width: 10 },
      { header: '现场加排', width: 8 },
      { header: '到场情况', width: 14 },
      { header: '是否举行', width: 8 },
      { header: '会谈结果', width: 10 },
      { header: '意向金额（万元）', width: 16, amount: true },
      { header: '企业确认', width: 17 },
      { header: '备注', width: 30 },
    ],
    meetings.map((m) => [
      m.slotIndex,
      time(m.startsAt),
      m.desk,
      m.bankName,
      m.officerName ?? '',
      m.enterpriseName,
      m.priority ? MEETING_PRIORITY_LABELS[m.priority] : '',
      m.walkIn ? '是' : '',
      MEETING_ATTENDANCE_LABELS[m.attendance],
      m.outcome ? (m.outcome.held ? '是' : '否') : '',
      m.outcome?.result ? MEETING_RESULT_LABELS[m.outcome.result] : '',
      amount(m.outcome?.amount ?? null),
      time(m.outcome?.enterpriseConfirmedAt ?? null),
      m.outcome?.note ?? '',
    ]),
  );

  sheet(
    wb,
    REPORT_SHEETS[2],
    [
      { header: '企业', width: 28 },
      { header: '金融机构', width: 28 },
      { header: '融资需求', width: 30 },
      { header: '意向金额（万元）', width: 16, amount: true },
      { header: '签约仪式', width: 8 },
      { header: '签约时间', width: 17 },
      { header: '对接状态', width: 10 },
      { header: '授信金额（万元）', width: 16, amount: true },
      { header: '放款金额（万元）', width: 16, amount: true },
      { header: '备注', width: 30 },
    ],
    intents.map((i) => [
      i.enterprise.name,
      i.bank.name,
      i.needTitle ?? '',
      amount(i.amount),
      i.ceremony ? '是' : '',
      time(i.signedAt),
      CASE_STATE_LABELS[i.caseState as CaseState] ?? i.caseState,
      amount(i.approvedAmount),
      amount(i.disbursedAmount),
      i.note ?? '',
    ]),
  );

  sheet(
    wb,
    REPORT_SHEETS[3],
    [
      { header: '金融机构', width: 30 },
      { header: '已举行会谈', width: 12 },
      { header: '签约意向（项）', width: 14 },
      { header: '意向金额（万元）', width: 16, amount: true },
      { header: '已授信金额（万元）', width: 18, amount: true },
      { header: '已放款金额（万元）', width: 18, amount: true },
    ],
    report.byBank.map((b) => [b.organization.name, b.meetingsHeld, b.intents, amount(b.intentAmount), amount(b.approvedAmount), amount(b.disbursedAmount)]),
  );
  return wb;
}

/** 'attachment' with the Chinese name (RFC 5987 filename*) and a plain ASCII name for old clients. */
export function attachmentHeader(fileName: string, fallback = 'event-report.xlsx'): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** <title>-活动报告-YYYYMMDD.xlsx, without characters file systems refuse. */
export function reportFileName(title: string, asOf: Date): string {
  const day = zhanjiangDate(asOf).replace(/-/g, '');
  return `${title.replace(/[\\/:*?"<>|\r\n\t]+/g, ' ').trim().slice(0, 80)}-活动报告-${day}.xlsx`;
}
