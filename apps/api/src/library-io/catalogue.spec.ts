import { Catalogues, currentVersion } from './catalogue';

const v2019 = { version: 'GIC-2019', name: '绿色产业指导目录（2019年版）', effectiveFrom: '2019-02-14', codes: new Set(['3.2.2', '5.2.2']), upperCodes: new Set(['3', '3.2', '5', '5.2']) };
const v2025 = { version: 'GFC-2025', name: '绿色金融支持项目目录（2025年版）', effectiveFrom: '2025-10-01', codes: new Set(['7.1.1', '3.2.2']) };

describe('catalogue versions', () => {
  it('the current version: the latest in force; a version without a date only when none has one', () => {
    expect(currentVersion([v2019, v2025], '2026-12-07')).toBe('GFC-2025');
    expect(currentVersion([v2019, v2025], '2025-09-30')).toBe('GIC-2019');
    expect(currentVersion([v2019, { ...v2025, effectiveFrom: null }], '2026-12-07')).toBe('GIC-2019');
    expect(currentVersion([{ ...v2025, effectiveFrom: null }], '2026-12-07')).toBe('GFC-2025');
    expect(currentVersion([], '2026-12-07')).toBeNull();
  });

  it('a file naming no version is read as GIC-2019 while it is loaded', () => {
    expect(Catalogues.of([v2019, v2025], '2026-12-07').fallback).toBe('GIC-2019');
    expect(Catalogues.of([v2025], '2026-12-07').fallback).toBe('GFC-2025');
  });

  it('a version named by its code (any case, full width), its name, or its year', () => {
    const c = Catalogues.of([v2019, v2025], '2026-12-07');
    expect(c.resolve('gfc-2025')).toEqual({ version: 'GFC-2025' });
    expect(c.resolve('ＧＩＣ－２０１９')).toEqual({ version: 'GIC-2019' });
    expect(c.resolve('绿色产业指导目录（2019年版）')).toEqual({ version: 'GIC-2019' });
    expect(c.resolve('2025年版')).toEqual({ version: 'GFC-2025' });
    expect(c.resolve('分类标准：GIC-2019')).toEqual({ version: 'GIC-2019' });
    expect(c.resolve('')).toEqual({ version: 'GIC-2019' });
    const unknown = c.resolve('2030版');
    expect('problem' in unknown && unknown.problem).toContain('GIC-2019（绿色产业指导目录（2019年版））、GFC-2025');
    const twice = new Catalogues([v2025, { ...v2025, version: 'GFC-2025-R', name: '2025年修订版' }], 'GFC-2025').resolve('2025');
    expect('problem' in twice && twice.problem).toContain('可指多个分类标准');
  });

  it('the other versions holding codes, and labels for messages', () => {
    const c = Catalogues.of([v2019, v2025], '2026-12-07');
    expect(c.holding(['5.2.2'], 'GFC-2025').map((v) => v.version)).toEqual(['GIC-2019']);
    expect(c.holding(['9.9.9'], 'GFC-2025')).toEqual([]);
    expect(c.label('GFC-2025')).toBe('《绿色金融支持项目目录（2025年版）》（GFC-2025）');
  });
});
