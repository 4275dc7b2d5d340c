import { defaultWorkYear } from './plan.service';

describe('defaultWorkYear', () => {
  it('takes the latest list up to the current year, not one made ahead', () => {
    expect(defaultWorkYear([2023, 2024, 2030], 2026)).toBe(2024);
    expect(defaultWorkYear([2030, 2023], 2026)).toBe(2023);
    expect(defaultWorkYear([2023, 2026], 2026)).toBe(2026);
  });

  it('falls back to the earliest later list, then to the current year', () => {
    expect(defaultWorkYear([2031, 2030], 2026)).toBe(2030);
    expect(defaultWorkYear([], 2026)).toBe(2026);
  });
});
