import type { WorkbenchItem, WorkbenchSeverity } from '@zj/shared';

/** The deadline of an item in words: days left (working or calendar days), due today, or how late. */
export function deadlineText(i: Pick<WorkbenchItem, 'deadline' | 'daysLeft' | 'overdue' | 'workingDays'>): string | null {
  if (!i.deadline) return null;
  const d = i.daysLeft;
  if (d === null || d === undefined) return i.deadline;
  const unit = i.workingDays ? '个工作日' : '天';
  if (i.overdue || d < 0) return `已超时 ${Math.abs(d)} ${unit}`;
  if (d === 0) return '今天截止';
  return i.workingDays ? `剩 ${d} 个工作日` : `${d} 天后截止`;
}

/** antd Tag colour of a severity. */
export const SEVERITY_COLOR: Record<WorkbenchSeverity, string> = { danger: 'red', warning: 'orange', info: 'blue' };
export const SEVERITY_LABEL: Record<WorkbenchSeverity, string> = { danger: '紧急', warning: '待办', info: '提醒' };

/** The greeting of the hour in Zhanjiang. */
export function greeting(now = new Date()): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(now));
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}
