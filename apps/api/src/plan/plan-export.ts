import { formatMeasure, INDICATOR_COMPARISON_LABELS, TARGET_STATUS_LABELS, targetValueText, WORK_ITEM_STATUS_LABELS, type IndicatorView, type PlanTaskView } from '@zj/shared';
import ExcelJS from 'exceljs';
import { chineseOrdinal, unitsText } from './plan.service';

export interface ProgressLine {
  workItemId: string;
  organizationName: string;
  narrative: string;
  shareDone: number;
  periodName: string;
}

/** The columns of the export: the seed's four (工作任务 spans action and task) and three appended. */
export const EXPORT_HEADER = ['工作任务', '', '重点工作', '', '责任单位', '进展状态', '最新进展', '指标完成情况'];

/** An indicator in one line: its value as its unit writes it, each target's status and the value it was judged on. */
export function indicatorLine(i: IndicatorView): string {
  const value = i.current.value === null ? '暂无数据' : formatMeasure(i.current.value, i.unit);
  const targets = i.targets
    .map((t) => {
      const used = targetValueText(t, i.unit);
      return `${t.deadline.slice(0, 4)}年目标${INDICATOR_COMPARISON_LABELS[t.comparison]}${formatMeasure(t.value, i.unit)}：${TARGET_STATUS_LABELS[t.status]}${used ? `（${used}）` : ''}`;
    })
    .join('；');
  return `${i.name}：${value}${i.current.asOf ? `（截至${i.current.asOf}）` : ''}${targets ? `；${targets}` : ''}`;
}

/**
 * The plan in the seed's own layout — one row per key work, action and task cells merged over their
 * rows, the year's work list, the responsible units in the seed's wording — with the task's status,
 * the latest progress per work item and the indicators' values appended.
 */
export function buildPlanWorkbook(year: number, tasks: PlanTaskView[], progress: ProgressLine[], indicators: IndicatorView[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '湛江绿色金融对接平台';
  wb.created = new Date();
  const ws = wb.addWorksheet('重点任务及工作清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ width: 16 }, { width: 20 }, { width: 48 }, { width: 48 }, { width: 36 }, { width: 12 }, { width: 48 }, { width: 48 }];
  const header = [...EXPORT_HEADER];
  header[3] = `${year}年具体工作清单`;
  ws.addRow(header);
  ws.mergeCells(1, 1, 1, 2);
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };

  const byAction = new Map<number, PlanTaskView[]>();
  for (const t of tasks) byAction.set(t.action, [...(byAction.get(t.action) ?? []), t]);
  for (const [action, actionTasks] of [...byAction].sort((a, b) => a[0] - b[0])) {
    const actionStart = ws.rowCount + 1;
    for (const t of actionTasks) {
      const taskStart = ws.rowCount + 1;
      const kws = t.keyWorks.length ? t.keyWorks : [{ id: '', position: 1, text: '', workItems: [] }];
      for (const kw of kws) {
        const items = kw.workItems.filter((i) => i.year === year);
        const lines = items.flatMap((i) => progress.filter((p) => p.workItemId === i.id).map((p) => `【${p.organizationName}】${p.narrative}（完成${p.shareDone}%，${p.periodName}）`));
        ws.addRow([
          `${chineseOrdinal(action)}、${actionTasks[0].actionTitle}`,
          `（${chineseOrdinal(t.number)}）${t.title}`,
          kw.text,
          items.map((i) => i.text).join('\n'),
          unitsText(t.units),
          WORK_ITEM_STATUS_LABELS[t.status],
          lines.join('\n'),
          indicators.filter((i) => i.taskId === t.id).map(indicatorLine).join('\n'),
        ]);
      }
      const taskEnd = ws.rowCount;
      if (taskEnd > taskStart) for (const col of [2, 5, 6, 8]) ws.mergeCells(taskStart, col, taskEnd, col);
    }
    const actionEnd = ws.rowCount;
    if (actionEnd > actionStart) ws.mergeCells(actionStart, 1, actionEnd, 1);
  }
  for (let r = 2; r <= ws.rowCount; r++) ws.getRow(r).alignment = { vertical: 'top', wrapText: true };
  return wb;
}
