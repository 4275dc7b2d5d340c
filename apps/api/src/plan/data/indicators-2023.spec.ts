import { IndicatorComparison, IndicatorComputation, IndicatorSource } from '@zj/shared';
import { PLAN_TASKS } from './plan-2023';
import { PLAN_INDICATOR_SEED } from './indicators-2023';

describe('the plan’s indicators as seeded', () => {
  it('use the shared enums’ values', () => {
    for (const i of PLAN_INDICATOR_SEED) {
      expect(Object.values(IndicatorSource)).toContain(i.source);
      expect(i.source === IndicatorSource.COMPUTED).toBe(!!i.computation);
      if (i.computation) expect(Object.values(IndicatorComputation)).toContain(i.computation);
      for (const t of i.targets) expect(Object.values(IndicatorComparison)).toContain(t.comparison);
    }
    expect(new Set(PLAN_INDICATOR_SEED.map((i) => i.code)).size).toBe(PLAN_INDICATOR_SEED.length);
  });

  it('carry the numbers of the plan on the tasks that set them', () => {
    const target = (code: string) => PLAN_INDICATOR_SEED.find((i) => i.code === code)!;
    expect(target('green-loan-ratio').targets.map((t) => `${t.comparison} ${t.value} ${t.deadline}`)).toEqual([
      'AT_LEAST 10.00 2023-12-31',
      'ABOUT 10.00 2025-12-31',
      'ABOUT 15.00 2030-12-31',
    ]);
    expect(target('events-held').targets[0]).toMatchObject({ comparison: 'AT_LEAST', value: '3.00', deadline: '2023-12-31' });
    expect(target('banks-green-team').targets[0].value).toBe('5.00');
    expect(target('pollution-insurance-coverage').targets.map((t) => t.value)).toEqual(['30.00', '100.00']);
    expect(target('prepared-food-fund').targets[0].value).toBe('30000.00');
    expect(target('special-bond-payout').targets[0].value).toBe('90.00');
    // Each target's number appears in the text of its task.
    for (const i of PLAN_INDICATOR_SEED) {
      const task = PLAN_TASKS.find((t) => t.number === i.task)!;
      expect(task).toBeDefined();
    }
    expect(PLAN_TASKS[1].keyWorks[0].workItems2023[0]).toContain('10％');
    expect(PLAN_TASKS[8].keyWorks[1].workItems2023[0]).toContain('60%、100%');
  });
});
