/**
 * The audit log as sentences in Chinese (issue 15): who (name, organisation) did what (the action in
 * words) to which named record, and a before/after diff of the changed fields with Chinese labels.
 * Plain functions, used by the web's audit log page (and unit-tested in audit-sentences.spec.ts).
 */
import { CASE_STATE_LABELS, PRODUCT_STATUS_LABELS } from './matchmaking';
import { EVENT_STATUS_LABELS } from './events';
import { NEED_STATUS_LABELS, PROJECT_STAGE_LABELS, PROJECT_STATUS_LABELS } from './library';

/** The fields of an audit entry the sentence reads (the API's AuditEntryView has them all). */
export interface AuditSentenceInput {
  action: string;
  entityType: string;
  entityId: string | null;
  actorEmail: string | null;
  actorName?: string | null;
  actorOrgName?: string | null;
  entityName?: string | null;
  before?: unknown;
  after?: unknown;
}

/** What a record of each type is called. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  organization: '机构',
  enterprise: '企业',
  bank_profile: '金融机构资料',
  taxonomy_version: '分类标准',
  project: '项目',
  financing_need: '融资需求',
  matchmaking_case: '对接',
  product: '产品',
  event: '活动',
  event_registration: '活动报名',
  event_meeting: '对接洽谈',
  event_meeting_request: '洽谈申请',
  event_intent: '签约意向',
  plan_report: '进展报送',
  plan_indicator: '指标',
  plan_work_item: '工作事项',
  plan_work_list: '工作清单',
  plan_period: '报送周期',
  scorecard: '评分卡',
  green_identification: '绿色企业认定',
  greenwashing_warning: '洗绿预警',
  bank_loan_report: '绿色信贷报送',
  notification_endpoint: '通知渠道',
  notification_template: '通知模板',
  notification_delivery: '通知投递',
  work_calendar_day: '工作日历',
  review_routes: '审核分工',
  import_job: '导入任务',
  system: '系统',
};

/**
 * The action in words: `{record}` stands for the named record (项目“麻章屋顶光伏”). Actions not
 * listed read "对{record}执行了“action”" (see auditVerb).
 */
export const AUDIT_ACTION_SENTENCES: Record<string, string> = {
  'auth.login': '登录了平台',
  'auth.logout': '退出了登录',
  'auth.refresh_reuse': '的登录令牌被重复使用，其会话已全部注销',
  'organization.create': '新建了{record}',
  'organization.register': '自助注册了{record}',
  'organization.update': '修改了{record}的资料',
  'organization.rename': '为{record}更名',
  'user.create': '新建了{record}',
  'user.update': '修改了{record}',
  'user.update_profile': '修改了个人资料',
  'user.change_password': '修改了密码',
  'user.locked': '{record}因多次登录失败被锁定',
  'user.unlock': '解除了{record}的锁定',
  'taxonomy.import': '导入了{record}',
  'review_routes.replace': '调整了项目审核分工',
  'enterprise.create': '登记了{record}',
  'enterprise.profile_create': '填写了{record}的企业资料',
  'enterprise.profile_update': '修改了{record}的企业资料',
  'enterprise.grade': '评定了{record}的绿色等级',
  'bank_profile.update': '修改了{record}',
  'scorecard.create': '新建了{record}',
  'scorecard.activate': '启用了{record}',
  'green_identification.apply': '申请了{record}',
  'green_identification.approve': '通过了{record}',
  'green_identification.reject': '驳回了{record}',
  'project.create': '登记了{record}',
  'project.update': '修改了{record}',
  'project.delete': '删除了{record}',
  'project.submit': '提交了{record}，等待审核',
  'project.withdraw': '撤回了{record}的审核申请',
  'project.start_review': '开始审核{record}',
  'project.pass': '初审通过{record}，转行业主管部门审核',
  'project.list': '审核通过{record}，列入绿色项目库',
  'project.return': '退回了{record}，请企业修改',
  'project.archive': '归档了{record}',
  'project.attachment_add': '为{record}上传了附件',
  'project.attachment_remove': '删除了{record}的附件',
  'library.import': '批量导入了绿色企业库、项目库数据',
  'financing_need.create': '发布了{record}',
  'financing_need.update': '修改了{record}',
  'financing_need.status': '变更了{record}的状态',
  'financing_need.expire': '{record}已到期关闭',
  'product.create': '新建了{record}',
  'product.update': '修改了{record}',
  'product.publish': '发布了{record}',
  'product.withdraw': '下架了{record}',
  'case.create': '申请了{record}',
  'case.choose': '选定了{record}',
  'case.accepted': '受理了{record}',
  'case.declined': '婉拒了{record}',
  'case.in_contact': '开始与企业洽谈{record}',
  'case.under_review': '将{record}转入审批',
  'case.approved': '授信审批通过{record}',
  'case.rejected': '授信审批未通过{record}',
  'case.disbursed': '报告了{record}的放款',
  'case.closed': '结束了{record}',
  'case.withdrawn': '撤回了{record}的申请',
  'case.tranche': '报告了{record}的一笔放款',
  'case.refer': '转介了{record}',
  'case.overdue': '{record}超过受理时限',
  'case.fund_use_check': '核查了{record}的资金用途',
  'greenwashing_warning.raise': '发出了{record}',
  'greenwashing_warning.resolve': '处理了{record}',
  'event.create': '新建了{record}',
  'event.update': '修改了{record}',
  'event.publish': '发布了{record}，开放报名',
  'event.close-registration': '截止了{record}的报名',
  'event.start': '开始了{record}',
  'event.held': '将{record}标记为已举办',
  'event.cancel': '取消了{record}',
  'event.invite': '为{record}发出了邀请',
  'event.check_in': '为{record}签到',
  'event.slots.replace': '设置了{record}的洽谈时段',
  'event.unavailability.set': '设置了{record}的不可约时段',
  'event.schedule.solve': '为{record}排定了洽谈日程',
  'event.schedule.apply': '采用了{record}的洽谈日程',
  'event.schedule.publish': '公布了{record}的洽谈日程',
  'event.schedule.clear': '清空了{record}的洽谈日程',
  'event.registration.create': '提交了{record}',
  'event.registration.update': '修改了{record}',
  'event.registration.cancel': '取消了{record}',
  'event.registration.approve': '通过了{record}',
  'event.registration.reject': '未通过{record}',
  'event.registration.waitlist': '将{record}列入候补',
  'event.registration.promote': '将{record}由候补转为正式',
  'event.meeting_request.create': '提出了{record}',
  'event.meeting_request.accept': '接受了{record}',
  'event.meeting_request.decline': '婉拒了{record}',
  'event.meeting_request.withdraw': '撤回了{record}',
  'event.meeting.cancel': '取消了{record}',
  'event.meeting.lock': '锁定了{record}',
  'event.meeting.unlock': '解锁了{record}',
  'event.meeting.walk_in': '现场加约了{record}',
  'event.meeting.outcome': '记录了{record}的结果',
  'event.meeting.outcome_confirm': '确认了{record}的结果',
  'event.intent.create': '登记了{record}',
  'event.intent.update': '修改了{record}',
  'plan_period.create': '新建了{record}',
  'plan_period.update': '修改了{record}',
  'plan_work_list.create': '新建了{record}',
  'plan_work_item.create': '新建了{record}',
  'plan_work_item.update': '修改了{record}',
  'plan_work_item.archive': '归档了{record}',
  'plan_indicator.create': '新建了{record}',
  'plan_indicator.update': '修改了{record}',
  'plan_indicator.value': '填报了{record}的数值',
  'plan_indicator.archive': '归档了{record}',
  'plan_report.save': '保存了{record}',
  'plan_report.submit': '提交了{record}',
  'plan_report.accept': '采纳了{record}',
  'plan_report.return': '退回了{record}',
  'plan_report.file_add': '为{record}上传了附件',
  'plan_report.file_remove': '删除了{record}的附件',
  'bank_loan_report.submit': '报送了{record}',
  'bank_loan_report.correct': '更正了{record}',
  'notification.endpoint_create': '新建了{record}',
  'notification.endpoint_update': '修改了{record}',
  'notification.endpoint_delete': '删除了{record}',
  'notification.template_update': '修改了{record}',
  'notification.template_reset': '恢复了{record}的默认内容',
  'notification.dead_letter_retry': '重发了{record}',
  'notification.preferences_update': '修改了通知偏好',
  'work_calendar.put': '设置了{record}',
  'work_calendar.delete': '删除了{record}',
  'system.create_admin': '创建了首个管理员',
  'system.seed_reference': '载入了参考数据',
  'system.seed_library': '载入了项目库初始数据',
  'system.seed_demo': '载入了演示数据',
  'system.seed_matchmaking': '载入了对接演示数据',
  'system.seed_plan_demo': '载入了方案演示数据',
  'system.seed_events_demo': '载入了活动演示数据',
};

/** Chinese labels of the fields snapshots carry; fields not listed show by their own name. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  title: '标题',
  displayName: '姓名',
  email: '邮箱',
  role: '角色',
  status: '状态',
  state: '状态',
  active: '启用',
  locked: '锁定',
  description: '简介',
  location: '地点',
  divisionCode: '所在县（市、区）',
  stage: '项目阶段',
  totalInvestment: '总投资（万元）',
  constructionStart: '建设开始日期',
  constructionEnd: '建设结束日期',
  co2AvoidedT: '年减排二氧化碳（吨）',
  coalSavedTce: '年节约标准煤（吨）',
  waterSavedT: '年节水（吨）',
  otherBenefits: '其他环境效益',
  tags: '标签',
  greenBuildingStars: '绿色建筑星级',
  categories: '绿色产业分类',
  primaryCategoryCode: '主分类',
  returnReasons: '退回原因',
  comment: '意见',
  reason: '原因',
  note: '备注',
  amount: '金额（万元）',
  termMonths: '期限（月）',
  instrument: '融资方式',
  purpose: '资金用途',
  collateral: '担保方式',
  maxRatePercent: '可接受最高年利率（%）',
  sharing: '共享范围',
  approvedAmount: '授信金额（万元）',
  disbursedAmount: '放款金额（万元）',
  rateMinPercent: '年利率下限（%）',
  rateMaxPercent: '年利率上限（%）',
  minAmount: '最低额度（万元）',
  maxAmount: '最高额度（万元）',
  minTermMonths: '最短期限（月）',
  maxTermMonths: '最长期限（月）',
  categoryRules: '支持的绿色类别',
  counties: '服务区县',
  enterpriseSizes: '企业规模',
  minGreenGrade: '最低绿色评级',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '联系邮箱',
  businessScope: '经营范围',
  industryName: '行业名称',
  size: '企业规模',
  registeredCapital: '注册资本（万元）',
  address: '地址',
  creditCode: '统一社会信用代码',
  startsAt: '开始时间',
  endsAt: '结束时间',
  venue: '地点',
  theme: '主题',
  capacity: '名额',
  value: '数值',
  target: '目标值',
  deadline: '截止日期',
  dueDate: '截止日期',
  content: '内容',
  url: '地址',
  enabled: '启用',
  subject: '标题',
  body: '正文',
};

/** Snapshot fields that are bookkeeping, not content: never shown in a diff. */
const HIDDEN_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'passwordHash', 'hash', 'prevHash', 'categoryTerms', 'searchText']);

/** Value labels of the status-like fields, by field (and, for `status`, by the record's type). */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  state: CASE_STATE_LABELS,
  stage: PROJECT_STAGE_LABELS,
};
const STATUS_LABELS: Record<string, Record<string, string>> = {
  project: PROJECT_STATUS_LABELS,
  financing_need: NEED_STATUS_LABELS,
  product: PRODUCT_STATUS_LABELS,
  event: EVENT_STATUS_LABELS,
};

/** Who did it: "湛江某银行 张三", the name or e-mail alone, or 系统 for the platform itself. */
export function auditActor(e: Pick<AuditSentenceInput, 'actorName' | 'actorOrgName' | 'actorEmail'>): string {
  const person = e.actorName || e.actorEmail;
  if (!person) return e.actorOrgName || '系统';
  return e.actorOrgName ? `${e.actorOrgName} ${person}` : person;
}

/** The record: 项目“麻章屋顶光伏”, or 项目（编号 1a2b3c4d） when its name is not known. */
export function auditRecord(e: Pick<AuditSentenceInput, 'entityType' | 'entityId' | 'entityName' | 'before' | 'after'>): string {
  const kind = AUDIT_ENTITY_LABELS[e.entityType] ?? e.entityType;
  const name = e.entityName || snapshotName(e.after) || snapshotName(e.before);
  if (name) return `${kind}“${name}”`;
  if (e.entityId) return `${kind}（编号 ${e.entityId.length > 12 ? e.entityId.slice(0, 8) : e.entityId}）`;
  return kind;
}

function snapshotName(s: unknown): string | null {
  if (!s || typeof s !== 'object') return null;
  const o = s as Record<string, unknown>;
  for (const k of ['name', 'title', 'displayName']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return null;
}

/** The action in words with the record in it ("受理了对接“…”"). */
export function auditVerb(e: AuditSentenceInput): string {
  const template = AUDIT_ACTION_SENTENCES[e.action];
  const record = auditRecord(e);
  if (!template) return `对${record}执行了“${e.action}”`;
  return template.replace('{record}', record);
}

/** The whole sentence: "湛江某银行 张三 受理了对接“…”". */
export function auditSentence(e: AuditSentenceInput): string {
  const verb = auditVerb(e);
  // A record that is the subject ("对接“…”超过受理时限") reads without an actor when the system did it.
  if (verb.startsWith(auditRecord(e)) && !e.actorName && !e.actorEmail) return verb;
  return `${auditActor(e)} ${verb}`;
}

/** One changed field: its label and both values as text ('—' for none). */
export interface AuditFieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** A value as a person reads it: labels for states, 是/否, lists joined, objects as JSON. */
export function auditValue(field: string, v: unknown, entityType?: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return (field === 'status' && entityType ? STATUS_LABELS[entityType]?.[v] : VALUE_LABELS[field]?.[v]) ?? v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    if (!v.length) return '—';
    if (v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join('、');
    if (v.every((x) => x && typeof x === 'object' && ('code' in x || 'prefix' in x || 'message' in x))) {
      return v.map((x) => String((x as Record<string, unknown>).code ?? (x as Record<string, unknown>).prefix ?? (x as Record<string, unknown>).message)).join('、');
    }
  }
  return JSON.stringify(v);
}

/**
 * The fields that changed between the snapshots, in the order they appear (before's fields first),
 * with Chinese labels (states by the record's type); bookkeeping fields left out. A snapshot only after (a creation) lists its fields
 * with '—' before; only before (a deletion), with '—' after.
 */
export function auditDiff(before: unknown, after: unknown, entityType?: string): AuditFieldChange[] {
  const b = before && typeof before === 'object' && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !HIDDEN_FIELDS.has(f));
  const out: AuditFieldChange[] = [];
  for (const field of fields) {
    // A change's after-snapshot often holds only what changed: a field it does not carry did not change.
    if (before && after && !(field in a)) continue;
    const was = auditValue(field, b[field], entityType);
    const now = auditValue(field, a[field], entityType);
    if (was === now) continue;
    out.push({ field, label: AUDIT_FIELD_LABELS[field] ?? field, before: was, after: now });
  }
  return out;
}
