import type { FieldError } from '@zj/shared';

/**
 * What a progress report must carry to be submitted (issue 14: an empty report is no report). Its
 * content is each work item of the task's year with its status and its progress text (进展情况); a
 * task without work items that year is reported in the overall progress (总体进展). A draft may be
 * saved incomplete; submitting checks this. Fields are named as the report page lays them out:
 * `items[i].narrative` for the i-th work item of the year, `summary`.
 */
export function reportContentProblems(
  workItems: readonly { id: string; text: string }[],
  report: { summary: string | null; items: readonly { workItemId: string; narrative: string | null }[] },
): FieldError[] {
  const blank = (v: string | null | undefined) => !v || !v.trim();
  if (!workItems.length) return blank(report.summary) ? [{ field: 'summary', messages: ['请填写总体进展'] }] : [];
  const byItem = new Map(report.items.map((i) => [i.workItemId, i]));
  const out: FieldError[] = [];
  workItems.forEach((w, i) => {
    if (blank(byItem.get(w.id)?.narrative)) out.push({ field: `items[${i}].narrative`, messages: [`请填写进展情况：${w.text.length > 40 ? `${w.text.slice(0, 40)}…` : w.text}`] });
  });
  return out;
}
