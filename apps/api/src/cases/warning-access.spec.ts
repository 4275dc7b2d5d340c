import { Role } from '@zj/shared';
import { warningScope } from './warning-access';

describe('who reads the greenwashing warnings (issue 14)', () => {
  it('the bureau all, a bank its own, the units of task 17 all, anybody else none', () => {
    expect(warningScope(Role.BUREAU, false)).toBe('ALL');
    expect(warningScope(Role.BANK, false)).toBe('OWN_BANK');
    expect(warningScope(Role.REGULATOR, true)).toBe('ALL');
    expect(warningScope(Role.REGULATOR, false)).toBe('NONE');
    expect(warningScope(Role.DEPARTMENT, false)).toBe('NONE');
    expect(warningScope(Role.ENTERPRISE, false)).toBe('NONE');
  });
});
