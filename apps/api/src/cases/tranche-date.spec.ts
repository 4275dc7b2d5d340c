import { trancheDateProblem } from './case-machine';

describe('a tranche’s date (放款日期)', () => {
  const rule = (on: string, approvedOn: string | null = '2026-03-10') => trancheDateProblem(on, { today: '2026-03-20', approvedOn });

  it('is a date between the credit approval and today, both included', () => {
    expect(rule('2026-03-10')).toBeNull();
    expect(rule('2026-03-15')).toBeNull();
    expect(rule('2026-03-20')).toBeNull();
  });

  it('is never in the future, never before the approval, never free text or a day that does not exist', () => {
    expect(rule('2026-03-21')).toBe('放款日期不能晚于今天（2026-03-20）');
    expect(rule('2027-01-01')).toBe('放款日期不能晚于今天（2026-03-20）');
    expect(rule('2026-03-09')).toBe('放款日期不能早于授信日期（2026-03-10）');
    expect(rule('2026-02-30')).toBe('放款日期应为有效日期（YYYY-MM-DD）');
    expect(rule('明天')).toBe('放款日期应为有效日期（YYYY-MM-DD）');
    expect(rule('2026-3-5')).toBe('放款日期应为有效日期（YYYY-MM-DD）');
    expect(rule('2026-03-15', null)).toBe('尚未授信，不能登记放款');
  });
});
