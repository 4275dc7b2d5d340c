import { codeHasPrefix, DEFAULT_ROUTES_2019, longestPrefixRoute } from './review-routing';

describe('review routing', () => {
  const routes = [
    { prefix: '5', departmentOrgId: 'dev' },
    { prefix: '5.2', departmentOrgId: 'transport' },
    { prefix: '5.2.5', departmentOrgId: 'energy' },
    { prefix: '5.1', departmentOrgId: 'housing' },
  ];

  it('takes the longest prefix that covers the code', () => {
    expect(longestPrefixRoute(routes, '5.2.2')?.departmentOrgId).toBe('transport');
    expect(longestPrefixRoute(routes, '5.2.5')?.departmentOrgId).toBe('energy');
    expect(longestPrefixRoute(routes, '5.1.2')?.departmentOrgId).toBe('housing');
    expect(longestPrefixRoute(routes, '5.3.1')?.departmentOrgId).toBe('dev');
  });

  it('answers null when nothing covers the code (the caller falls back to the bureau)', () => {
    expect(longestPrefixRoute(routes, '4.3.2')).toBeNull();
  });

  it('compares whole segments: 5.1 does not cover 5.10 or 51', () => {
    expect(codeHasPrefix('5.10.1', '5.1')).toBe(false);
    expect(codeHasPrefix('51.1', '5')).toBe(false);
    expect(codeHasPrefix('5.1', '5.1')).toBe(true);
    expect(longestPrefixRoute([{ prefix: '5.1', departmentOrgId: 'h' }], '5.10.1')).toBeNull();
  });

  it('routes the examples of the issue by default: 5.2 → transport, 5.1 → housing, 4.1 → agriculture', () => {
    const byUnit = DEFAULT_ROUTES_2019.map((r) => ({ prefix: r.prefix, departmentOrgId: r.unitCode }));
    expect(longestPrefixRoute(byUnit, '5.2.2')?.departmentOrgId).toBe('transport');
    expect(longestPrefixRoute(byUnit, '5.1.2')?.departmentOrgId).toBe('housing-construction');
    expect(longestPrefixRoute(byUnit, '4.1.9')?.departmentOrgId).toBe('agriculture-rural');
    expect(longestPrefixRoute(byUnit, '4.3.2')?.departmentOrgId).toBe('natural-resources');
    // every top level is covered, so nothing falls through to the bureau by default
    for (const top of ['1', '2', '3', '4', '5', '6']) expect(longestPrefixRoute(byUnit, `${top}.1.1`)).not.toBeNull();
  });
});
