import { NotificationType } from '@zj/shared';
import { planReminderKey, reportReminders } from './plan-notices';

describe('plan report reminders', () => {
  const ref = { periodId: 'p1', taskId: 't1', taskNumber: 17, taskTitle: '加强绿色金融风险防控', organizationId: 'o1', dueAt: new Date('2026-04-10T02:00:00Z') };

  it('reminds before the due time and at it, addressed to the unit', () => {
    const r = reportReminders(ref, new Date('2026-04-01T00:00:00Z'));
    expect(r.map((x) => [x.type, x.at.toISOString()])).toEqual([
      [NotificationType.PLAN_REPORT_DUE, '2026-04-07T02:00:00.000Z'],
      [NotificationType.PLAN_REPORT_OVERDUE, '2026-04-10T02:00:00.000Z'],
    ]);
    expect(r[1]).toMatchObject({ key: planReminderKey('p1', 't1', 'o1', 'overdue'), to: { organizations: ['o1'] }, vars: { taskTitle: '（17）加强绿色金融风险防控', dueAt: '2026-04-10 10:00' } });
  });

  it('skips the early reminder once its time has passed', () => {
    expect(reportReminders(ref, new Date('2026-04-08T00:00:00Z')).map((x) => x.type)).toEqual([NotificationType.PLAN_REPORT_OVERDUE]);
  });
});
