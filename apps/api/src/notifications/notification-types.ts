import { ALL_ROLES, NotificationChannel, NotificationLocale, NotificationPriority, NotificationType, Role, UserChannel } from '@zj/shared';
import type { EntityManager } from 'typeorm';

/**
 * Who receives a notice. Unions: every active user listed, every active user of the organisations
 * (and those organisations' 企业微信 / webhook endpoints when the type allows), every active user of
 * the roles city-wide (e.g. the bureau). Ids only; resolved when the notice is dispatched.
 */
export interface Recipients {
  users?: string[];
  organizations?: string[];
  roles?: Role[];
}

export interface TemplateText {
  subject: string;
  body: string;
}

/** What a reminder carries when its time comes; the type decides whether it still holds. */
export interface ReminderSubject {
  key: string;
  subjectType: string | null;
  subjectId: string | null;
  at: Date;
}

export interface NotificationTypeDef {
  /** Variables its templates may use, as {{name}}. Templates are checked against this list when saved. */
  variables: readonly string[];
  /** Channels a user gets until they choose otherwise. */
  defaultChannels: readonly UserChannel[];
  /** Channels a user cannot switch off (security notices). */
  mandatoryChannels?: readonly UserChannel[];
  /** LOW notices may go into the daily digest e-mail. */
  priority: NotificationPriority;
  /** Also sent to the recipient organisations' 企业微信 robots and webhooks. */
  endpoints: boolean;
  /** Roles that can receive it (the preferences page lists these types to these roles). */
  audience: readonly Role[];
  /** SMS: the provider's template id and which variables are its parameters, in order. */
  sms?: { templateId: string; params: readonly string[] };
  templates: Record<NotificationLocale, TemplateText>;
  /**
   * Reminder types: re-checked when the reminder fires; a reminder whose subject no longer needs
   * it (project withdrawn, report submitted, password changed…) is skipped, never sent.
   */
  stillHolds?: (m: EntityManager, r: ReminderSubject) => Promise<boolean>;
  /**
   * Reminder types about another module's records: that module (named here) registers the check
   * instead, in ReminderChecks (reminder-checks.ts), and runs it on its own tables.
   */
  checkedBy?: 'cases' | 'events' | 'financing-needs' | 'plan' | 'users';
  /** Extra recipients computed from the database, added to those the caller named. */
  resolveRecipients?: (m: EntityManager, vars: Record<string, string>) => Promise<Recipients>;
}

const GOV: Role[] = [Role.DEPARTMENT, Role.COUNTY, Role.BUREAU, Role.REGULATOR];

/**
 * THE registry of notification types. A capability that wants to tell people something:
 *   1. adds its type to NotificationType (+ label) in libs/shared/src/notifications.ts,
 *   2. adds an entry here (variables, default channels, priority, templates; for reminders, stillHolds
 *      or — when the subject is its own module's record — checkedBy, and registers the check in
 *      ReminderChecks from its worker module),
 *   3. calls NotificationsService.notify(m, …) / scheduleReminder(m, …) / addToBatch(m, …) inside
 *      the transaction of its state change. See docs/NOTIFICATIONS.md.
 */
export const NOTIFICATION_TYPES: Record<NotificationType, NotificationTypeDef> = {
  [NotificationType.ACCOUNT_CREATED]: {
    variables: ['displayName', 'email', 'organizationName', 'roleLabel', 'loginUrl'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: false,
    audience: ALL_ROLES,
    templates: {
      'zh-CN': {
        subject: '您的平台账号已开通',
        body: '{{displayName}}，您好：\n市金融工作局已为{{organizationName}}开通湛江绿色金融对接平台账号（{{roleLabel}}），登录邮箱为 {{email}}。\n首次登录后请立即修改初始密码：{{loginUrl}}',
      },
      en: {
        subject: 'Your platform account is ready',
        body: 'Dear {{displayName}},\nan account ({{roleLabel}}) of {{organizationName}} has been opened for {{email}} on the Zhanjiang Green Finance Platform.\nPlease sign in and change the initial password: {{loginUrl}}',
      },
    },
  },
  [NotificationType.ACCOUNT_LOCKED]: {
    variables: ['displayName', 'lockedUntil'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    mandatoryChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: false,
    audience: ALL_ROLES,
    sms: { templateId: 'ZJ_ACCOUNT_LOCKED', params: ['lockedUntil'] },
    templates: {
      'zh-CN': {
        subject: '账号因多次登录失败已被临时锁定',
        body: '{{displayName}}，您好：\n您的账号因连续多次密码错误已被临时锁定，{{lockedUntil}} 后可再次登录。\n如非本人操作，请立即联系市金融工作局。',
      },
      en: {
        subject: 'Your account has been locked',
        body: 'Dear {{displayName}},\nyour account was locked after repeated failed sign-ins; you can sign in again after {{lockedUntil}}.\nIf this was not you, contact the Municipal Finance Bureau at once.',
      },
    },
  },
  [NotificationType.PASSWORD_CHANGE_REMINDER]: {
    variables: ['displayName', 'loginUrl'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: false,
    audience: ALL_ROLES,
    templates: {
      'zh-CN': { subject: '请尽快修改初始密码', body: '{{displayName}}，您好：\n您的账号仍在使用初始密码，为保障账号安全，请登录后修改：{{loginUrl}}' },
      en: { subject: 'Please change your initial password', body: 'Dear {{displayName}},\nyour account still uses its initial password. Please sign in and change it: {{loginUrl}}' },
    },
    // Holds while the user is active and still has to change the password (users/user-facts.ts, passwordReminderStillHolds).
    checkedBy: 'users',
  },
  [NotificationType.ORGANIZATION_RENAMED]: {
    variables: ['oldName', 'newName'],
    defaultChannels: [NotificationChannel.INBOX],
    priority: NotificationPriority.LOW,
    endpoints: true,
    audience: ALL_ROLES,
    templates: {
      'zh-CN': { subject: '机构名称已变更', body: '“{{oldName}}”已更名为“{{newName}}”。历史记录保持不变，原名称可在机构资料中查询。' },
      en: { subject: 'Organisation renamed', body: '"{{oldName}}" is now "{{newName}}". Its history is kept; the former name stays on record.' },
    },
  },
  [NotificationType.LIBRARY_LISTED]: {
    variables: ['entryKind', 'entryName', 'reviewerName', 'detail'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: true,
    audience: [Role.ENTERPRISE, Role.COUNTY],
    templates: {
      'zh-CN': { subject: '{{entryKind}}已入库：{{entryName}}', body: '您提交的{{entryKind}}“{{entryName}}”已由{{reviewerName}}审核通过，列入湛江市绿色{{entryKind}}库。{{detail}}' },
      en: { subject: '{{entryKind}} listed: {{entryName}}', body: 'Your {{entryKind}} "{{entryName}}" was reviewed by {{reviewerName}} and listed in the Zhanjiang green library. {{detail}}' },
    },
  },
  [NotificationType.LIBRARY_RETURNED]: {
    variables: ['entryKind', 'entryName', 'reviewerName', 'reason'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: true,
    audience: [Role.ENTERPRISE, Role.COUNTY],
    templates: {
      'zh-CN': { subject: '{{entryKind}}被退回修改：{{entryName}}', body: '您提交的{{entryKind}}“{{entryName}}”被{{reviewerName}}退回修改。\n退回原因：{{reason}}\n请修改后重新提交。' },
      en: { subject: '{{entryKind}} returned: {{entryName}}', body: 'Your {{entryKind}} "{{entryName}}" was returned by {{reviewerName}} for correction.\nReason: {{reason}}' },
    },
  },
  [NotificationType.PROJECT_REVIEW_ARRIVED]: {
    // entryName: the project; unitName: who sent it on (the enterprise, the county after its first review…);
    // stageLabel: the review it waits for (县区初审 / 行业主管部门审核); detail: the sender's opinion, if any.
    variables: ['entryName', 'enterpriseName', 'unitName', 'stageLabel', 'detail'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: true,
    audience: [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU],
    templates: {
      'zh-CN': {
        subject: '待审核项目：{{entryName}}',
        body: '{{unitName}}报送的项目“{{entryName}}”（{{enterpriseName}}）已进入贵单位的待审核队列（{{stageLabel}}），请及时审核。{{detail}}',
      },
      en: { subject: 'Project to review: {{entryName}}', body: '{{unitName}} sent the project "{{entryName}}" ({{enterpriseName}}) to your review queue ({{stageLabel}}). {{detail}}' },
    },
  },
  [NotificationType.MATCHING_NEEDS]: {
    variables: ['count', 'list'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: true,
    audience: [Role.BANK],
    templates: {
      'zh-CN': { subject: '有 {{count}} 条新的融资需求符合贵行产品', body: '以下融资需求与贵行的绿色金融产品相匹配，请及时查看并办理：\n{{list}}' },
      en: { subject: '{{count}} new financing needs fit your products', body: 'These financing needs fit your green products:\n{{list}}' },
    },
  },
  [NotificationType.NEED_EXPIRING]: {
    variables: ['needTitle', 'wantedBy'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: false,
    audience: [Role.ENTERPRISE],
    templates: {
      'zh-CN': { subject: '融资需求即将到期：{{needTitle}}', body: '您的融资需求“{{needTitle}}”期望在 {{wantedBy}} 前获得资金，目前尚未对接成功，请确认是否延期或调整。' },
      en: { subject: 'Financing need about to expire: {{needTitle}}', body: 'Your financing need "{{needTitle}}" was wanted by {{wantedBy}} and is not yet matched.' },
    },
    // Holds while the need is still open (financing-needs/need-notices.ts, needExpiringStillHolds).
    checkedBy: 'financing-needs',
  },
  [NotificationType.CASE_STATUS_CHANGED]: {
    // detail: what the side that acted wrote for the other (a note with an application, a reason for declining…), or empty.
    variables: ['needTitle', 'bankName', 'statusLabel', 'detail'],
    defaultChannels: [NotificationChannel.INBOX],
    priority: NotificationPriority.NORMAL,
    endpoints: true,
    audience: [Role.ENTERPRISE, Role.BANK, Role.BUREAU],
    templates: {
      'zh-CN': { subject: '对接进度：{{needTitle}}（{{statusLabel}}）', body: '{{bankName}}对融资需求“{{needTitle}}”的办理状态已更新为：{{statusLabel}}。{{detail}}' },
      en: { subject: 'Case update: {{needTitle}} ({{statusLabel}})', body: '{{bankName}} updated the financing need "{{needTitle}}" to: {{statusLabel}}. {{detail}}' },
    },
  },
  [NotificationType.CASE_DEADLINE_APPROACHING]: {
    variables: ['needTitle', 'bankName', 'dueAt'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: true,
    audience: [Role.BANK],
    templates: {
      'zh-CN': { subject: '办理时限将到：{{needTitle}}', body: '{{bankName}}受理的融资需求“{{needTitle}}”须在 {{dueAt}} 前反馈办理结果。' },
      en: { subject: 'Deadline approaching: {{needTitle}}', body: '{{bankName}} must report on "{{needTitle}}" by {{dueAt}}.' },
    },
    // Holds while the case still waits for the bank (cases/case-notices.ts, caseDeadlineStillHolds).
    checkedBy: 'cases',
  },
  [NotificationType.CASE_DEADLINE_BREACHED]: {
    variables: ['needTitle', 'bankName', 'dueAt'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: true,
    audience: [Role.BANK, Role.BUREAU],
    templates: {
      'zh-CN': { subject: '办理已超时：{{needTitle}}', body: '{{bankName}}受理的融资需求“{{needTitle}}”已超过办理时限（{{dueAt}}），请尽快处理；市金融工作局已收到提示。' },
      en: { subject: 'Deadline missed: {{needTitle}}', body: '{{bankName}} missed the deadline ({{dueAt}}) for "{{needTitle}}"; the bureau has been told.' },
    },
  },
  [NotificationType.GREENWASHING_WARNING]: {
    variables: ['needTitle', 'bankName', 'enterpriseName', 'detail'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: false,
    audience: [Role.BUREAU],
    templates: {
      'zh-CN': {
        subject: '洗绿预警：{{enterpriseName}}（{{needTitle}}）',
        body: '{{bankName}}在资金用途检查中发现“{{needTitle}}”的贷款资金偏离约定用途：\n{{detail}}\n请在对接管理的洗绿预警中核实处理。',
      },
      en: { subject: 'Greenwashing warning: {{enterpriseName}} ({{needTitle}})', body: '{{bankName}} found the funds for "{{needTitle}}" used other than agreed:\n{{detail}}' },
    },
  },
  [NotificationType.PLAN_REPORT_DUE]: {
    variables: ['taskTitle', 'dueAt'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: true,
    audience: GOV,
    templates: {
      'zh-CN': { subject: '工作进展报送将到期：{{taskTitle}}', body: '请于 {{dueAt}} 前报送“{{taskTitle}}”的工作进展。' },
      en: { subject: 'Progress report due: {{taskTitle}}', body: 'Please report progress on "{{taskTitle}}" by {{dueAt}}.' },
    },
    // Holds while the unit's report for the period and task is not yet filed (plan/plan-notices.ts, planReportStillOpen).
    checkedBy: 'plan',
  },
  [NotificationType.PLAN_REPORT_OVERDUE]: {
    variables: ['taskTitle', 'dueAt'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: true,
    audience: GOV,
    templates: {
      'zh-CN': { subject: '工作进展报送已逾期：{{taskTitle}}', body: '“{{taskTitle}}”的工作进展应于 {{dueAt}} 前报送，目前尚未报送，请尽快处理。' },
      en: { subject: 'Progress report overdue: {{taskTitle}}', body: 'The progress report on "{{taskTitle}}" was due {{dueAt}} and has not been filed.' },
    },
    // Holds while the unit's report for the period and task is not yet filed (plan/plan-notices.ts, planReportStillOpen).
    checkedBy: 'plan',
  },
  [NotificationType.PLAN_REPORT_SUBMITTED]: {
    variables: ['taskTitle', 'periodName', 'unitName'],
    defaultChannels: [NotificationChannel.INBOX],
    priority: NotificationPriority.NORMAL,
    endpoints: true,
    audience: GOV,
    templates: {
      'zh-CN': { subject: '工作进展报告待审核：{{taskTitle}}', body: '{{unitName}}已报送“{{taskTitle}}”{{periodName}}的工作进展报告，请及时审核。' },
      en: { subject: 'Progress report to review: {{taskTitle}}', body: '{{unitName}} filed its {{periodName}} progress report on "{{taskTitle}}".' },
    },
  },
  [NotificationType.PLAN_REPORT_RETURNED]: {
    variables: ['taskTitle', 'periodName', 'reviewerName', 'comment'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: true,
    audience: GOV,
    templates: {
      'zh-CN': { subject: '工作进展报告被退回：{{taskTitle}}', body: '您单位报送的“{{taskTitle}}”{{periodName}}工作进展报告被{{reviewerName}}退回。\n退回意见：{{comment}}\n请修改后重新报送。' },
      en: { subject: 'Progress report returned: {{taskTitle}}', body: 'Your {{periodName}} progress report on "{{taskTitle}}" was returned by {{reviewerName}}.\nComment: {{comment}}' },
    },
  },
  [NotificationType.EVENT_INVITATION]: {
    variables: ['eventTitle', 'startsAt', 'venue'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: true,
    audience: [Role.ENTERPRISE, Role.BANK, Role.DEPARTMENT, Role.COUNTY, Role.BUREAU, Role.REGULATOR],
    templates: {
      'zh-CN': { subject: '对接会邀请：{{eventTitle}}', body: '诚邀您参加“{{eventTitle}}”，时间：{{startsAt}}，地点：{{venue}}。请在平台上确认参会。' },
      en: { subject: 'Invitation: {{eventTitle}}', body: 'You are invited to "{{eventTitle}}" at {{startsAt}}, {{venue}}. Please confirm on the platform.' },
    },
  },
  [NotificationType.EVENT_REMINDER]: {
    variables: ['eventTitle', 'startsAt', 'venue', 'when'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: false,
    audience: [Role.ENTERPRISE, Role.BANK, Role.DEPARTMENT, Role.COUNTY, Role.BUREAU, Role.REGULATOR],
    sms: { templateId: 'ZJ_EVENT_REMINDER', params: ['eventTitle', 'startsAt'] },
    templates: {
      'zh-CN': { subject: '{{when}}开始：{{eventTitle}}', body: '“{{eventTitle}}”将于 {{startsAt}} 在{{venue}}举行，请准时参加。' },
      en: { subject: 'Starting {{when}}: {{eventTitle}}', body: '"{{eventTitle}}" starts at {{startsAt}}, {{venue}}.' },
    },
    // Holds while the event is announced and not over (events/event-reminders.ts, eventReminderStillHolds).
    checkedBy: 'events',
  },
  [NotificationType.EVENT_REGISTRATION]: {
    variables: ['eventTitle', 'startsAt', 'statusLabel', 'detail'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: false,
    audience: [Role.ENTERPRISE, Role.BANK],
    templates: {
      'zh-CN': { subject: '{{eventTitle}}：报名{{statusLabel}}', body: '您单位报名参加“{{eventTitle}}”（{{startsAt}}）的状态为：{{statusLabel}}。{{detail}}' },
      en: { subject: '{{eventTitle}}: registration {{statusLabel}}', body: 'Your registration for "{{eventTitle}}" ({{startsAt}}) is now: {{statusLabel}}. {{detail}}' },
    },
  },
  [NotificationType.EVENT_MEETING_REQUEST]: {
    variables: ['eventTitle', 'requesterName', 'priorityLabel', 'message'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: false,
    audience: [Role.ENTERPRISE, Role.BANK],
    templates: {
      'zh-CN': { subject: '{{requesterName}}希望在{{eventTitle}}与您会谈', body: '{{requesterName}}在“{{eventTitle}}”向您发起一对一会谈邀约（{{priorityLabel}}）。{{message}}\n请在平台上接受或婉拒。' },
      en: { subject: '{{requesterName}} asks to meet you at {{eventTitle}}', body: '{{requesterName}} asks for a 1:1 meeting at "{{eventTitle}}" ({{priorityLabel}}). {{message}}' },
    },
  },
  [NotificationType.EVENT_MEETING_ANSWERED]: {
    variables: ['eventTitle', 'targetName', 'answerLabel'],
    defaultChannels: [NotificationChannel.INBOX],
    priority: NotificationPriority.LOW,
    endpoints: false,
    audience: [Role.ENTERPRISE, Role.BANK],
    templates: {
      'zh-CN': { subject: '{{targetName}}{{answerLabel}}您的会谈邀约', body: '您在“{{eventTitle}}”向{{targetName}}发起的一对一会谈邀约：{{answerLabel}}。' },
      en: { subject: '{{targetName}}: {{answerLabel}}', body: 'Your meeting request to {{targetName}} at "{{eventTitle}}": {{answerLabel}}.' },
    },
  },
  [NotificationType.EVENT_AGENDA]: {
    variables: ['eventTitle', 'startsAt', 'venue', 'count', 'agenda'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: false,
    audience: [Role.ENTERPRISE, Role.BANK],
    templates: {
      'zh-CN': { subject: '{{eventTitle}}：您的会谈日程（{{count}}场）', body: '“{{eventTitle}}”（{{startsAt}}，{{venue}}）您的一对一会谈安排如下：\n{{agenda}}\n可在平台下载日历文件（.ics）导入日历；日程如有调整将再次通知。' },
      en: { subject: '{{eventTitle}}: your meetings ({{count}})', body: 'Your 1:1 meetings at "{{eventTitle}}" ({{startsAt}}, {{venue}}):\n{{agenda}}' },
    },
  },
  [NotificationType.EVENT_MEETING_ADDED]: {
    variables: ['eventTitle', 'counterpartName', 'time', 'desk'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.SMS],
    priority: NotificationPriority.HIGH,
    endpoints: false,
    audience: [Role.ENTERPRISE, Role.BANK],
    sms: { templateId: 'ZJ_EVENT_MEETING_ADDED', params: ['counterpartName', 'time', 'desk'] },
    templates: {
      'zh-CN': { subject: '现场加排会谈：{{counterpartName}}，{{time}}', body: '“{{eventTitle}}”现场为您加排了与{{counterpartName}}的一对一会谈：{{time}}，{{desk}}。' },
      en: { subject: 'Meeting added: {{counterpartName}} at {{time}}', body: 'A 1:1 meeting with {{counterpartName}} was added at "{{eventTitle}}": {{time}}, {{desk}}.' },
    },
  },
  [NotificationType.EVENT_OUTCOME_RECORDED]: {
    variables: ['eventTitle', 'bankName', 'resultLabel', 'amount'],
    defaultChannels: [NotificationChannel.INBOX, NotificationChannel.EMAIL],
    priority: NotificationPriority.NORMAL,
    endpoints: false,
    audience: [Role.ENTERPRISE],
    templates: {
      'zh-CN': { subject: '请确认会谈结果：{{bankName}}', body: '{{bankName}}登记了您在“{{eventTitle}}”会谈的结果：{{resultLabel}}{{amount}}。请在平台上确认。' },
      en: { subject: 'Please confirm the meeting outcome: {{bankName}}', body: '{{bankName}} recorded the outcome of your meeting at "{{eventTitle}}": {{resultLabel}}{{amount}}.' },
    },
  },
  [NotificationType.DAILY_DIGEST]: {
    variables: ['count', 'list', 'day'],
    defaultChannels: [NotificationChannel.EMAIL],
    mandatoryChannels: [NotificationChannel.EMAIL],
    priority: NotificationPriority.HIGH,
    endpoints: false,
    audience: ALL_ROLES,
    templates: {
      'zh-CN': { subject: '平台每日汇总（{{day}}）：{{count}} 条通知', body: '以下是您在湛江绿色金融对接平台收到的 {{count}} 条通知：\n{{list}}' },
      en: { subject: 'Daily digest ({{day}}): {{count}} notices', body: 'Your {{count}} notices on the Zhanjiang Green Finance Platform:\n{{list}}' },
    },
  },
};

export function typeDef(type: NotificationType): NotificationTypeDef {
  const def = NOTIFICATION_TYPES[type];
  if (!def) throw new Error(`unknown notification type ${type}`);
  return def;
}

/** The channels a user gets for a type: their choice (or the default), never without the mandatory ones. */
export function effectiveChannels(type: NotificationType, chosen: readonly UserChannel[] | null | undefined): UserChannel[] {
  const def = typeDef(type);
  const set = new Set<UserChannel>(chosen ?? def.defaultChannels);
  for (const c of def.mandatoryChannels ?? []) set.add(c);
  return [...set];
}
