import { CaseState, CaseView, WorkbenchItem, WorkbenchItemKind } from '@zj/shared';
import { bankCasesToMove, calendarDaysBetween, capItems, deadlineSeverity, gradeItem, previousMonth, sortItems, zhanjiangDay } from './workbench-rules';

const item = (key: string, o: Partial<WorkbenchItem> = {}): WorkbenchItem => ({ kind: WorkbenchItemKind.BANK_CASE_ANSWER, key, title: key, count: 1, severity: 'info', path: '/cases', ...o });

describe('workbench rules', () => {
  it('counts calendar days and reads the day in Zhanjiang', () => {
    expect(calendarDaysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(calendarDaysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(zhanjiangDay('2026-03-01T17:30:00Z')).toBe('2026-03-02');
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-10-01')).toBe('2026-09');
  });

  it('grades urgency: overdue is danger, due within a day a warning', () => {
    expect(deadlineSeverity(-1, true)).toBe('danger');
    expect(deadlineSeverity(1, false)).toBe('warning');
    expect(deadlineSeverity(4, false)).toBe('info');
    expect(deadlineSeverity(null, false, 'warning')).toBe('warning');
  });

  it('orders overdue first, then the nearest deadline, then the most severe', () => {
    const sorted = sortItems([
      item('plain'),
      item('later', { deadline: '2026-03-10' }),
      item('soon', { deadline: '2026-03-03' }),
      item('late', { deadline: '2026-03-05', overdue: true }),
      item('urgent', { severity: 'danger' }),
    ]);
    expect(sorted.map((i) => i.key)).toEqual(['late', 'soon', 'later', 'urgent', 'plain']);
  });

  it('caps one kind at a number of items and sums the rest into one link', () => {
    const many = Array.from({ length: 12 }, (_, i) => item(`c${i}`, { overdue: i === 11 }));
    const capped = capItems(many, { title: '限时办理的对接', path: '/cases' }, 10);
    expect(capped).toHaveLength(11);
    expect(capped[10]).toMatchObject({ title: '限时办理的对接（还有 2 项）', count: 2, severity: 'danger', path: '/cases' });
    expect(capItems(many.slice(0, 3), { title: 'x', path: '/x' }, 10)).toHaveLength(3);
  });

  it('groups a bank’s cases by their next step, linking one case to its page and several to the list filtered to that state', () => {
    const c = (id: string, state: CaseState) => ({ id, state, enterpriseName: `企业${id}`, projectName: null, needAmount: '100.00', needTermMonths: 12 }) as unknown as CaseView;
    const items = bankCasesToMove([c('a', CaseState.IN_CONTACT), c('b', CaseState.IN_CONTACT), c('c', CaseState.APPROVED), c('d', CaseState.PENDING)]);
    expect(items).toEqual([
      expect.objectContaining({ key: 'bank.cases-to-move:IN_CONTACT', count: 2, path: '/cases?state=IN_CONTACT' }),
      expect.objectContaining({ key: 'bank.cases-to-move:APPROVED', count: 1, path: '/cases/c' }),
    ]);
  });

  it('asks an ungraded enterprise to complete its data, a graded one what would raise its grade, and nothing when full', () => {
    const gaps = [
      { label: '绿色企业认定', gain: 25 },
      { label: '环境信用评价', gain: 20 },
      { label: '碳账户', gain: 10 },
      { label: '环境信息披露', gain: 10 },
    ];
    const ungraded = gradeItem({ current: null, now: null, gaps })!;
    expect(ungraded).toMatchObject({ title: '完善以下 3 项资料并计算绿色评级', severity: 'warning', count: 1, path: '/my-enterprise' });
    expect(ungraded.detail).toContain('绿色企业认定（+25分）、环境信用评价（+20分）、碳账户（+10分）');
    const graded = gradeItem({ current: { grade: 'B', gradeLabel: '中绿', score: '65.00' }, now: null, gaps })!;
    expect(graded.title).toBe('绿色评级 B · 中绿（65.00分）：完善 3 项可提高');
    expect(gradeItem({ current: { grade: 'A', gradeLabel: '深绿', score: '100.00' }, now: null, gaps: [] })).toBeNull();
  });
});
