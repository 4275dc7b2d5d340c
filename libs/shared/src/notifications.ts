import type { Page } from './pagination';

/**
 * Every kind of notice the platform sends. The API's registry
 * (apps/api/src/notifications/notification-types.ts) gives each one its variables, default
 * channels, priority and templates; a new capability adds its type here AND there.
 */
export enum NotificationType {
  ACCOUNT_CREATED = 'ACCOUNT_CREATED',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  PASSWORD_CHANGE_REMINDER = 'PASSWORD_CHANGE_REMINDER',
  ORGANIZATION_RENAMED = 'ORGANIZATION_RENAMED',
  LIBRARY_LISTED = 'LIBRARY_LISTED',
  LIBRARY_RETURNED = 'LIBRARY_RETURNED',
  /** A project arrived in a county's or a department's review queue. */
  PROJECT_REVIEW_ARRIVED = 'PROJECT_REVIEW_ARRIVED',
  MATCHING_NEEDS = 'MATCHING_NEEDS',
  NEED_EXPIRING = 'NEED_EXPIRING',
  CASE_STATUS_CHANGED = 'CASE_STATUS_CHANGED',
  CASE_DEADLINE_APPROACHING = 'CASE_DEADLINE_APPROACHING',
  CASE_DEADLINE_BREACHED = 'CASE_DEADLINE_BREACHED',
  GREENWASHING_WARNING = 'GREENWASHING_WARNING',
  PLAN_REPORT_DUE = 'PLAN_REPORT_DUE',
  PLAN_REPORT_OVERDUE = 'PLAN_REPORT_OVERDUE',
  PLAN_REPORT_SUBMITTED = 'PLAN_REPORT_SUBMITTED',
  PLAN_REPORT_RETURNED = 'PLAN_REPORT_RETURNED',
  EVENT_INVITATION = 'EVENT_INVITATION',
  EVENT_REMINDER = 'EVENT_REMINDER',
  EVENT_REGISTRATION = 'EVENT_REGISTRATION',
  EVENT_MEETING_REQUEST = 'EVENT_MEETING_REQUEST',
  EVENT_MEETING_ANSWERED = 'EVENT_MEETING_ANSWERED',
  EVENT_AGENDA = 'EVENT_AGENDA',
  EVENT_MEETING_ADDED = 'EVENT_MEETING_ADDED',
  EVENT_OUTCOME_RECORDED = 'EVENT_OUTCOME_RECORDED',
  DAILY_DIGEST = 'DAILY_DIGEST',
}

export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, string> = {
  [NotificationType.ACCOUNT_CREATED]: '账号开通',
  [NotificationType.ACCOUNT_LOCKED]: '账号锁定',
  [NotificationType.PASSWORD_CHANGE_REMINDER]: '修改初始密码提醒',
  [NotificationType.ORGANIZATION_RENAMED]: '机构更名',
  [NotificationType.LIBRARY_LISTED]: '入库通知',
  [NotificationType.LIBRARY_RETURNED]: '退回修改通知',
  [NotificationType.PROJECT_REVIEW_ARRIVED]: '新的待审核项目',
  [NotificationType.MATCHING_NEEDS]: '新的匹配融资需求',
  [NotificationType.NEED_EXPIRING]: '融资需求即将到期',
  [NotificationType.CASE_STATUS_CHANGED]: '对接进度变化',
  [NotificationType.CASE_DEADLINE_APPROACHING]: '对接办理时限将到',
  [NotificationType.CASE_DEADLINE_BREACHED]: '对接办理已超时',
  [NotificationType.GREENWASHING_WARNING]: '洗绿预警（资金用途偏离）',
  [NotificationType.PLAN_REPORT_DUE]: '工作进展报送将到期',
  [NotificationType.PLAN_REPORT_OVERDUE]: '工作进展报送已逾期',
  [NotificationType.PLAN_REPORT_SUBMITTED]: '工作进展报告已报送',
  [NotificationType.PLAN_REPORT_RETURNED]: '工作进展报告被退回',
  [NotificationType.EVENT_INVITATION]: '对接会邀请',
  [NotificationType.EVENT_REMINDER]: '对接会提醒',
  [NotificationType.EVENT_REGISTRATION]: '对接会报名结果',
  [NotificationType.EVENT_MEETING_REQUEST]: '对接会一对一会谈邀约',
  [NotificationType.EVENT_MEETING_ANSWERED]: '会谈邀约的答复',
  [NotificationType.EVENT_AGENDA]: '对接会个人日程',
  [NotificationType.EVENT_MEETING_ADDED]: '现场加排会谈',
  [NotificationType.EVENT_OUTCOME_RECORDED]: '会谈结果待确认',
  [NotificationType.DAILY_DIGEST]: '每日汇总',
};

/** Where a notice goes. INBOX/EMAIL/SMS are a user's; WECOM/WEBHOOK are an organisation's endpoints. */
export enum NotificationChannel {
  INBOX = 'INBOX',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  WECOM = 'WECOM',
  WEBHOOK = 'WEBHOOK',
}

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, string> = {
  [NotificationChannel.INBOX]: '站内消息',
  [NotificationChannel.EMAIL]: '电子邮件',
  [NotificationChannel.SMS]: '短信',
  [NotificationChannel.WECOM]: '企业微信群机器人',
  [NotificationChannel.WEBHOOK]: '机构系统回调（Webhook）',
};

export const USER_CHANNELS = [NotificationChannel.INBOX, NotificationChannel.EMAIL, NotificationChannel.SMS] as const;
export const ENDPOINT_CHANNELS = [NotificationChannel.WECOM, NotificationChannel.WEBHOOK] as const;
export type UserChannel = (typeof USER_CHANNELS)[number];
export type EndpointChannel = (typeof ENDPOINT_CHANNELS)[number];

/** LOW notices may be grouped into the daily digest e-mail instead of one e-mail each. */
export enum NotificationPriority {
  HIGH = 'HIGH',
  NORMAL = 'NORMAL',
  LOW = 'LOW',
}

export const NOTIFICATION_LOCALES = ['zh-CN', 'en'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/** One notice in a user's in-app inbox. */
export interface InboxItem {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  /** A path inside the web app, e.g. /projects/…; null when there is nothing to open. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage extends Page<InboxItem> {
  unread: number;
}

/** Pushed on the live stream (GET /notifications/stream, server-sent events `unread`). */
export interface InboxStreamEvent {
  unread: number;
  latest: string | null;
}

export interface NotificationPreferenceItem {
  type: NotificationType;
  channels: UserChannel[];
  /** E-mail of this type goes into the daily digest instead of one e-mail each (LOW priority only). */
  digest: boolean;
  defaultChannels: UserChannel[];
  /** Channels this type can go out on: SMS only for types with an SMS text (a provider template); the page offers no other. */
  allowedChannels: UserChannel[];
  /** Channels that cannot be switched off for this type (security notices). */
  mandatoryChannels: UserChannel[];
  digestAllowed: boolean;
  priority: NotificationPriority;
}

export interface NotificationPreferences {
  locale: NotificationLocale;
  mobile: string | null;
  /** Channels the platform can deliver right now (e-mail needs SMTP, SMS a provider). */
  availableChannels: UserChannel[];
  items: NotificationPreferenceItem[];
}

export interface NotificationEndpointView {
  id: string;
  channel: EndpointChannel;
  name: string;
  url: string;
  /** null: every type the organisation receives. */
  types: NotificationType[] | null;
  enabled: boolean;
  hasSecret: boolean;
  version: number;
  createdAt: string;
  /** Only in the answer to creation (or a secret rotation): shown once. */
  secret?: string;
}

/** An endpoint as the bureau sees it (every organisation's, GET /notifications/admin/endpoints). */
export interface AdminEndpointView extends NotificationEndpointView {
  organizationId: string;
  organizationName: string;
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  DEAD = 'DEAD',
  DIGEST = 'DIGEST',
  DIGESTED = 'DIGESTED',
}
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  [DeliveryStatus.PENDING]: '等待发送',
  [DeliveryStatus.SENDING]: '发送中',
  [DeliveryStatus.SENT]: '已送达',
  [DeliveryStatus.DEAD]: '投递失败',
  [DeliveryStatus.DIGEST]: '待并入每日汇总',
  [DeliveryStatus.DIGESTED]: '已并入每日汇总',
};

export interface DeadLetterView {
  id: string;
  intentId: string;
  type: NotificationType;
  channel: NotificationChannel;
  address: string;
  attempts: number;
  retries: number;
  lastError: string | null;
  deadAt: string | null;
  createdAt: string;
  /** Now: DEAD in the dead-letter list; after a retry PENDING / SENDING / SENT, or DEAD again. */
  status: DeliveryStatus;
  sentAt: string | null;
  updatedAt: string;
  /** Who it was for: the user's or the endpoint's organisation (null when both are gone). */
  organizationId: string | null;
  organizationName: string | null;
  /** The user's name, or the endpoint's name (企业微信群机器人, Webhook). */
  recipientName: string | null;
}

/** A template rendered with sample data (POST /notifications/admin/templates/:type/:locale/preview). */
export interface NotificationTemplatePreview {
  subject: string;
  body: string;
  /** The body with the notice's link, as e-mail and other channels send it. */
  text: string;
  /** The sample values used, by variable. */
  sample: Record<string, string>;
  /** What saving would refuse, by field (subject 标题, body 正文); empty when it can be saved. */
  problems: { field: 'subject' | 'body'; messages: string[] }[];
}

export interface NotificationTemplateView {
  type: NotificationType;
  locale: NotificationLocale;
  subject: string;
  body: string;
  variables: string[];
  custom: boolean;
  updatedAt: string | null;
  /** Also sent to the organisations' 企业微信 robots and webhooks (an endpoint may subscribe to it). */
  toEndpoints: boolean;
}

export interface OutboxStats {
  pending: number;
  oldestPendingAt: string | null;
  undispatched: number;
  deliveries: Record<DeliveryStatus, number>;
}

// ---------------------------------------------------------------- what the routes accept

/** GET /notifications/inbox query. */
export interface InboxQueryParams {
  page?: number;
  pageSize?: number;
  unreadOnly?: boolean;
}

/** PUT /notifications/preferences: the language, the mobile number for SMS, and per type the channels and whether digested. */
export interface NotificationPreferencesInput {
  locale?: NotificationLocale;
  mobile?: string;
  items?: { type: NotificationType; channels: UserChannel[]; digest: boolean }[];
}

/** GET /notifications/admin/dead-letters query. */
export interface DeadLetterQueryParams {
  page?: number;
  pageSize?: number;
  channel?: NotificationChannel;
  type?: NotificationType;
}

/** PUT /notifications/admin/templates/:type/:locale: the bureau's own wording of a template. */
export interface NotificationTemplateInput {
  subject: string;
  body: string;
}

/** GET /notifications/admin/endpoints query. */
export interface AdminEndpointQueryParams {
  page?: number;
  pageSize?: number;
  organizationId?: string;
  channel?: EndpointChannel;
  q?: string;
}

/** A new endpoint (webhook, 企业微信 …) of an organisation; `types` null or absent: every type. */
export interface EndpointInput {
  channel: EndpointChannel;
  name: string;
  url: string;
  types?: NotificationType[] | null;
}

/** A change of an endpoint: the version read, and what changes; `rotateSecret` issues a new signing secret. */
export interface EndpointUpdateInput {
  version: number;
  name?: string;
  url?: string;
  types?: NotificationType[] | null;
  enabled?: boolean;
  rotateSecret?: boolean;
}
