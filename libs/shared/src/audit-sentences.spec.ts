import { auditActor, auditDiff, auditRecord, auditSentence, auditValue, type AuditSentenceInput } from './audit-sentences';

const entry = (o: Partial<AuditSentenceInput>): AuditSentenceInput => ({
  action: 'project.create',
  entityType: 'project',
  entityId: '6f1c2a9e-4b7d-4c1e-9a3b-2d5e8f0a1b2c',
  actorEmail: 'chen@example.com',
  actorName: '陈经理',
  actorOrgName: '湛江蓝海新能源有限公司',
  entityName: '麻章临港园区屋顶光伏',
  ...o,
});

describe('audit sentences', () => {
  it('says who (name and organisation) did what to which named record', () => {
    expect(auditSentence(entry({}))).toBe('湛江蓝海新能源有限公司 陈经理 登记了项目“麻章临港园区屋顶光伏”');
    expect(auditSentence(entry({ action: 'case.accepted', entityType: 'matchmaking_case', entityName: '湛江蓝海新能源有限公司 · 湛江农商银行', actorName: '李行长', actorOrgName: '湛江农商银行' }))).toBe(
      '湛江农商银行 李行长 受理了对接“湛江蓝海新能源有限公司 · 湛江农商银行”',
    );
    expect(auditSentence(entry({ action: 'project.list', actorName: '王科长', actorOrgName: '湛江市交通运输局' }))).toBe('湛江市交通运输局 王科长 审核通过项目“麻章临港园区屋顶光伏”，列入绿色项目库');
    expect(auditSentence(entry({ action: 'product.publish', entityType: 'product', entityName: '光伏贷' }))).toContain('发布了产品“光伏贷”');
  });

  it('names the actor by e-mail without a name, and the platform as 系统', () => {
    expect(auditActor({ actorEmail: 'a@b.cn', actorName: null, actorOrgName: null })).toBe('a@b.cn');
    expect(auditActor({ actorEmail: null, actorName: null, actorOrgName: null })).toBe('系统');
    expect(auditSentence(entry({ action: 'system.seed_reference', entityType: 'system', entityId: null, entityName: null, actorEmail: null, actorName: null, actorOrgName: null }))).toBe('系统 载入了参考数据');
    // a record that is the subject reads without 系统 in front
    expect(auditSentence(entry({ action: 'case.overdue', entityType: 'matchmaking_case', entityName: '甲公司 · 乙银行', actorEmail: null, actorName: null, actorOrgName: null }))).toBe('对接“甲公司 · 乙银行”超过受理时限');
  });

  it('names the record from its snapshot when the API has no name for it, else by a short id', () => {
    expect(auditRecord(entry({ entityName: null, after: { name: '雷州红树林修复' } }))).toBe('项目“雷州红树林修复”');
    expect(auditRecord(entry({ entityType: 'event', entityName: null, before: { title: '2023 年绿色金融对接会' } }))).toBe('活动“2023 年绿色金融对接会”');
    expect(auditRecord(entry({ entityName: null }))).toBe('项目（编号 6f1c2a9e）');
    expect(auditRecord(entry({ entityType: 'taxonomy_version', entityId: 'GIC-2025', entityName: null }))).toBe('分类标准（编号 GIC-2025）');
  });

  it('reads dynamic actions (case states, review actions) and says so for an action it does not know', () => {
    expect(auditSentence(entry({ action: 'project.return' }))).toContain('退回了项目“麻章临港园区屋顶光伏”，请企业修改');
    expect(auditSentence(entry({ action: 'case.declined', entityType: 'matchmaking_case', entityName: '甲 · 乙' }))).toContain('婉拒了对接“甲 · 乙”');
    expect(auditSentence(entry({ action: 'project.teleport' }))).toBe('湛江蓝海新能源有限公司 陈经理 对项目“麻章临港园区屋顶光伏”执行了“project.teleport”');
  });

  it('diffs the changed fields with Chinese labels and readable values, leaving bookkeeping out', () => {
    const before = { id: 'x', name: '屋顶光伏一期', status: 'DRAFT', totalInvestment: '4500.00', tags: ['分布式光伏'], version: 1, updatedAt: '2025-01-01', description: '同' };
    const after = { id: 'x', name: '屋顶光伏二期', status: 'SUBMITTED', totalInvestment: '4800.00', tags: ['分布式光伏', '重大基础设施'], version: 2, updatedAt: '2025-01-02', description: '同' };
    expect(auditDiff(before, after, 'project')).toEqual([
      { field: 'name', label: '名称', before: '屋顶光伏一期', after: '屋顶光伏二期' },
      { field: 'status', label: '状态', before: '草稿', after: '已提交' },
      { field: 'totalInvestment', label: '总投资（万元）', before: '4500.00', after: '4800.00' },
      { field: 'tags', label: '标签', before: '分布式光伏', after: '分布式光伏、重大基础设施' },
    ]);
  });

  it('a creation lists its fields as new; a change that carries only the changed fields shows only them', () => {
    expect(auditDiff(null, { name: '光伏贷', minAmount: '100' })).toEqual([
      { field: 'name', label: '名称', before: '—', after: '光伏贷' },
      { field: 'minAmount', label: '最低额度（万元）', before: '—', after: '100' },
    ]);
    expect(auditDiff({ name: '光伏贷', status: 'DRAFT', minAmount: '100' }, { status: 'PUBLISHED' }, 'product')).toEqual([{ field: 'status', label: '状态', before: '草稿', after: '已发布' }]);
    // the same state reads as the record's type names it
    expect(auditDiff({ status: 'DRAFT' }, { status: 'PUBLISHED' }, 'event')[0].after).toBe('报名中');
    expect(auditDiff({ state: 'PENDING' }, { state: 'ACCEPTED', note: '请尽快联系' })).toEqual([
      { field: 'state', label: '状态', before: '待受理', after: '已受理' },
      { field: 'note', label: '备注', before: '—', after: '请尽快联系' },
    ]);
    expect(auditDiff({ name: 'a' }, { name: 'a' })).toEqual([]);
  });

  it('shows values as a person reads them', () => {
    expect(auditValue('envDisclosure', true)).toBe('是');
    expect(auditValue('categories', [{ code: '3.2.2' }, { code: '4.3.13' }])).toBe('3.2.2、4.3.13');
    expect(auditValue('categoryRules', [{ version: 'GIC-2019', prefix: '4.3' }])).toBe('4.3');
    expect(auditValue('x', null)).toBe('—');
    expect(auditValue('x', { a: 1 })).toBe('{"a":1}');
  });
});
