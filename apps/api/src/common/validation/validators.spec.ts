import { validateSync } from 'class-validator';
import { calendarDateProblem, IsCalendarDate, IsYearMonth } from './validators';

class Dates {
  @IsCalendarDate()
  day: string;

  @IsYearMonth()
  month: string;
}

function messages(day: string, month: string) {
  return Object.fromEntries(validateSync(Object.assign(new Dates(), { day, month })).map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

describe('calendar dates', () => {
  it.each(['2024-02-29', '2023-12-31', '1900-01-01', '2999-12-31'])('accepts %s', (d) => {
    expect(calendarDateProblem(d)).toBeNull();
  });

  it.each([
    ['2023-02-29', '日期不存在'],
    ['2024-02-30', '日期不存在'],
    ['2024-04-31', '日期不存在'],
    ['2024-13-01', '日期不存在'],
    ['2024-00-10', '日期不存在'],
    ['0000-01-01', '年份应在1900至2999之间'],
    ['9999-12-31', '年份应在1900至2999之间'],
    ['2024-1-1', '日期格式应为 YYYY-MM-DD'],
    ['2024-01-01T00:00:00Z', '日期格式应为 YYYY-MM-DD'],
  ])('refuses %s: %s', (d, message) => {
    expect(calendarDateProblem(d)).toBe(message);
  });

  it('validates DTO fields with messages naming the problem', () => {
    expect(messages('2024-02-29', '2024-02')).toEqual({});
    expect(messages('2023-02-29', '0000-01')).toEqual({ day: ['日期不存在'], month: ['年份应在1900至2999之间'] });
    expect(messages('x', '2024-13')).toEqual({ day: ['日期格式应为 YYYY-MM-DD'], month: ['月份不存在'] });
  });
});
