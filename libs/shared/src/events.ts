import type { EnterpriseSelection } from './library';

/**
 * The bureau's events (宣讲 / 推介 / 对接会) and, for a 对接会, what happens before, on and after the
 * day: registrations, 1:1 meeting requests, slots and the schedule, check-in, outcomes and the
 * letters of intent (签约意向) followed through the matchmaking pipeline. Shared by the API and the web.
 * Amounts are decimal strings in 万元; times are ISO 8601 UTC strings (shown in Asia/Shanghai).
 */

/** 宣讲 / 推介 / 对接会. */
export enum EventType {
  AWARENESS = 'AWARENESS',
  SHOWCASE = 'SHOWCASE',
  MATCHMAKING = 'MATCHMAKING',
}
export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  [EventType.AWARENESS]: '绿色金融知识宣讲',
  [EventType.SHOWCASE]: '绿色金融产品推介',
  [EventType.MATCHMAKING]: '融资对接会',
};

/**
 * 草稿 → 已发布（报名中）→ 报名截止 → 进行中 → 已结束, or 已取消 at any point before the end.
 * A published event whose registration deadline has passed reads as REGISTRATION_CLOSED.
 */
export enum EventStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  REGISTRATION_CLOSED = 'REGISTRATION_CLOSED',
  IN_PROGRESS = 'IN_PROGRESS',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  [EventStatus.DRAFT]: '草稿',
  [EventStatus.PUBLISHED]: '报名中',
  [EventStatus.REGISTRATION_CLOSED]: '报名截止',
  [EventStatus.IN_PROGRESS]: '进行中',
  [EventStatus.HELD]: '已结束',
  [EventStatus.CANCELLED]: '已取消',
};
/** Statuses in which the event is announced and not over: invitees are reminded, people may register or meet. */
export const LIVE_EVENT_STATUSES: readonly EventStatus[] = [EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.IN_PROGRESS];

/** One session of the agenda (议程): e.g. 政策宣讲, 产品推介, 1:1 对接, 签约仪式. */
export interface EventAgendaItem {
  startsAt: string;
  endsAt: string;
  title: string;
  /** Speaker or host, with their unit. */
  speaker?: string | null;
}

/** An organisation as event screens name it. */
export interface EventOrgRef {
  id: string;
  name: string;
  type: string;
}

/** GET /events rows. */
export interface EventView {
  id: string;
  type: EventType;
  title: string;
  startsAt: string;
  endsAt: string | null;
  venue: string;
  onlineLink: string | null;
  description: string | null;
  /** Effective status (a published event past its registration deadline reads REGISTRATION_CLOSED). */
  status: EventStatus;
  statusNote: string | null;
  /** How many attended, recorded when the event was marked held (null otherwise). */
  attendanceCount: number | null;
  capacity: number | null;
  registrationDeadline: string | null;
  requiresApproval: boolean;
  /** Open to every enterprise and bank (true), or to invited organisations only (false). */
  isPublic: boolean;
  /** Organising units besides the bureau (plan units: 人民银行湛江市分行, 金融监管分局, departments…). */
  coOrganizers: EventOrgRef[];
  agenda: EventAgendaItem[];
  version: number;
  inviteeCount: number;
  invitedMe: boolean;
  /** Registrations counted for capacity (REGISTERED), and waiting. */
  registeredCount: number;
  waitlistCount: number;
  /** The caller's organisation's registration, if any. */
  myRegistration: { id: string; status: RegistrationStatus } | null;
  /** When the schedule was last published (each participant got their agenda), or null. */
  schedulePublishedAt: string | null;
}

/** GET /events/:id: the bureau sees every invitee; others only their own organisation. */
export interface EventDetailView extends EventView {
  invitedOrganizationIds: string[];
  invitees: EventOrgRef[];
}

// ---------------------------------------------------------------- invitations

/** Enterprises to invite, picked with the library's own filters; then banks and others by id. */
export interface InvitationFilter extends EnterpriseSelection {
  /** Banks: explicit list; `allBanks` invites every financial institution. */
  bankOrganizationIds?: string[];
  allBanks?: boolean;
  /** Further organisations by id (e.g. departments, a named enterprise). */
  organizationIds?: string[];
}
export interface InvitationPreview {
  enterprises: number;
  banks: number;
  others: number;
  /** Of those, already invited (they are not told twice). */
  alreadyInvited: number;
  /** First rows, for a look before sending. */
  sample: EventOrgRef[];
}
/** POST /events/:id/invitations: how many were newly invited (and told, once the event is published). */
export interface InvitationSendResult {
  added: number;
  alreadyInvited: number;
  inviteeCount: number;
}

// ---------------------------------------------------------------- registrations

export enum RegistrationStatus {
  /** Waiting for the bureau's approval (events that require it). */
  PENDING = 'PENDING',
  REGISTERED = 'REGISTERED',
  WAITLISTED = 'WAITLISTED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  [RegistrationStatus.PENDING]: '待审核',
  [RegistrationStatus.REGISTERED]: '已报名',
  [RegistrationStatus.WAITLISTED]: '候补',
  [RegistrationStatus.REJECTED]: '未通过',
  [RegistrationStatus.CANCELLED]: '已取消',
};

/** A bank's credit officer at a desk (桌位 n). */
export interface RegistrationOfficer {
  name: string;
  title?: string | null;
  phone?: string | null;
}

export interface RegistrationView {
  id: string;
  eventId: string;
  organization: EventOrgRef;
  status: RegistrationStatus;
  /** Banks: desks (credit officers) brought; enterprises: null. */
  desks: number | null;
  officers: RegistrationOfficer[];
  /** Enterprises: financing needs they want to discuss. */
  needIds: string[];
  /** Contact at the event (who comes). */
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  /** Position on the waiting list (1 = next), when WAITLISTED. */
  waitlistPosition: number | null;
  /** Given to its own organisation and the bureau only (null for others). */
  checkInCode: string | null;
  checkedInAt: string | null;
  /** True once the event is under way or over and the organisation has not checked in. */
  noShow: boolean;
  registeredAt: string;
  version: number;
}

/** Check-in codes: 12 characters of Crockford base32 (60 random bits), shown as XXXX-XXXX-XXXX. */
export const CHECK_IN_CODE_LENGTH = 12;

// ---------------------------------------------------------------- meeting requests and slots

export enum MeetingPriority {
  MUST = 'MUST',
  NICE = 'NICE',
}
export const MEETING_PRIORITY_LABELS: Record<MeetingPriority, string> = {
  [MeetingPriority.MUST]: '必须见面',
  [MeetingPriority.NICE]: '希望见面',
};

export enum MeetingRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}
export const MEETING_REQUEST_STATUS_LABELS: Record<MeetingRequestStatus, string> = {
  [MeetingRequestStatus.PENDING]: '待对方确认',
  [MeetingRequestStatus.ACCEPTED]: '已接受',
  [MeetingRequestStatus.DECLINED]: '已婉拒',
  [MeetingRequestStatus.WITHDRAWN]: '已撤回',
};

export interface MeetingRequestView {
  id: string;
  eventId: string;
  requester: EventOrgRef;
  target: EventOrgRef;
  enterpriseOrganizationId: string;
  bankOrganizationId: string;
  priority: MeetingPriority;
  status: MeetingRequestStatus;
  /** Both sides asked to meet each other. */
  mutual: boolean;
  /** The enterprise's need to discuss, if named. */
  needId: string | null;
  needTitle: string | null;
  /** Best matching score (0–100) of the enterprise's open needs against the bank's published products. */
  score: number | null;
  message: string | null;
  createdAt: string;
  respondedAt: string | null;
}

/** A suggested counterpart: from the matching scores, with matching's explanation. */
export interface MeetingSuggestion {
  organization: EventOrgRef;
  score: number;
  needId: string | null;
  needTitle: string | null;
  productId: string | null;
  productName: string | null;
  /** Matching's criteria lines, e.g. "金额500万元在产品额度内". */
  reasons: string[];
  /** A request already exists between the two (either way). */
  alreadyRequested: boolean;
}

export interface EventSlotView {
  id: string;
  /** 1-based, in time order. */
  index: number;
  startsAt: string;
  endsAt: string;
}

/** GET/POST /events/:id/unavailability: the slots an organisation cannot attend. */
export interface UnavailabilityView {
  organizationId: string;
  organizationName: string;
  slotIds: string[];
}

// ---------------------------------------------------------------- the schedule

export enum ScheduleRunStatus {
  NONE = 'NONE',
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
export const SCHEDULE_RUN_STATUS_LABELS: Record<ScheduleRunStatus, string> = {
  [ScheduleRunStatus.NONE]: '尚未排期',
  [ScheduleRunStatus.QUEUED]: '排队中',
  [ScheduleRunStatus.RUNNING]: '求解中',
  [ScheduleRunStatus.DONE]: '已完成',
  [ScheduleRunStatus.FAILED]: '求解失败',
};

export type NotPlacedReason = 'NO_COMMON_SLOT' | 'ENTERPRISE_BUSY' | 'BANK_FULL' | 'CAPACITY';
export const NOT_PLACED_REASON_LABELS: Record<NotPlacedReason, string> = {
  NO_COMMON_SLOT: '双方没有共同的空闲时段',
  ENTERPRISE_BUSY: '企业在双方都空闲的时段均已有其他会谈',
  BANK_FULL: '金融机构在企业空闲的时段桌位均已排满',
  CAPACITY: '桌位与时段总量不足，优先安排了必须见面和尚无会谈的企业',
};

/** The schedule's figures in the order they are optimised. */
export interface ScheduleObjective {
  mustMeets: number;
  enterprisesMet: number;
  interest: number;
  /** Most meetings per desk of any bank (lower is more balanced). */
  maxDeskLoad: number;
}

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
}

export enum MeetingResult {
  NO_INTEREST = 'NO_INTEREST',
  FOLLOW_UP = 'FOLLOW_UP',
  INTENT = 'INTENT',
}
export const MEETING_RESULT_LABELS: Record<MeetingResult, string> = {
  [MeetingResult.NO_INTEREST]: '无意向',
  [MeetingResult.FOLLOW_UP]: '继续跟进',
  [MeetingResult.INTENT]: '达成意向',
};

/** Who of a meeting's two parties checked in (known once the event is under way). */
export enum MeetingAttendance {
  UNKNOWN = 'UNKNOWN',
  BOTH = 'BOTH',
  ENTERPRISE_ABSENT = 'ENTERPRISE_ABSENT',
  BANK_ABSENT = 'BANK_ABSENT',
  BOTH_ABSENT = 'BOTH_ABSENT',
}
export const MEETING_ATTENDANCE_LABELS: Record<MeetingAttendance, string> = {
  [MeetingAttendance.UNKNOWN]: '—',
  [MeetingAttendance.BOTH]: '双方已到场',
  [MeetingAttendance.ENTERPRISE_ABSENT]: '企业未到场',
  [MeetingAttendance.BANK_ABSENT]: '金融机构未到场',
  [MeetingAttendance.BOTH_ABSENT]: '双方均未到场',
};

export interface MeetingView {
  id: string;
  requestId: string | null;
  enterpriseOrganizationId: string;
  enterpriseName: string;
  bankOrganizationId: string;
  bankName: string;
  slotId: string;
  slotIndex: number;
  startsAt: string;
  endsAt: string;
  desk: number;
  /** The officer at that desk, when the bank named them. */
  officerName: string | null;
  locked: boolean;
  walkIn: boolean;
  priority: MeetingPriority | null;
  mutual: boolean;
  needId: string | null;
  needTitle: string | null;
  status: MeetingStatus;
  /** .ics SEQUENCE: rises with every change after the schedule was first published. */
  sequence: number;
  attendance: MeetingAttendance;
  outcome: MeetingOutcomeView | null;
}

export interface MeetingOutcomeView {
  held: boolean;
  result: MeetingResult | null;
  amount: string | null;
  note: string | null;
  recordedAt: string;
  recordedByName: string | null;
  enterpriseConfirmedAt: string | null;
  /** The case the intent opened in the matchmaking pipeline. */
  caseId: string | null;
}

/** GET /events/:id/schedule (bureau). */
export interface ScheduleView {
  status: ScheduleRunStatus;
  runId: string | null;
  method: 'MIP' | 'GREEDY' | null;
  meetings: MeetingView[];
  notPlaced: { requestId: string; reason: NotPlacedReason; enterpriseName: string; bankName: string; priority: MeetingPriority }[];
  objective: ScheduleObjective | null;
  bound: ScheduleObjective | null;
  /** 0..1: the worst of achieved ÷ proven bound over must-meets, enterprises met and interest. */
  quality: number | null;
  optimal: boolean;
  solveMs: number | null;
  error: string | null;
  /** Changed since the last publication (participants have not been told yet). */
  unpublishedChanges: boolean;
  publishedAt: string | null;
  slots: EventSlotView[];
  /** Banks with their desks, for the grid's columns. */
  banks: { organizationId: string; name: string; desks: number; officers: RegistrationOfficer[] }[];
}

/** GET /events/:id/agenda: one organisation's meetings. */
export interface AgendaView {
  organization: EventOrgRef;
  event: { id: string; title: string; startsAt: string; endsAt: string | null; venue: string };
  meetings: MeetingView[];
  publishedAt: string | null;
}

// ---------------------------------------------------------------- on the day and after

/** GET /events/:id/live (bureau). */
export interface EventLiveView {
  now: string;
  registered: number;
  checkedIn: number;
  arrivals: { registrationId: string; organization: EventOrgRef; checkedInAt: string }[];
  currentSlot: EventSlotView | null;
  nextSlot: EventSlotView | null;
  /** Meetings of the current slot, with who is there. */
  underway: MeetingView[];
  /** Desks free in the next slot, per bank that is here. */
  freeDesksNext: { bankOrganizationId: string; bankName: string; freeDesks: number[] }[];
}

/** A letter of intent (签约意向), from a 1:1 meeting or the signing ceremony. */
export interface IntentView {
  id: string;
  eventId: string;
  meetingId: string | null;
  enterprise: EventOrgRef;
  bank: EventOrgRef;
  needId: string;
  needTitle: string | null;
  amount: string;
  /** Signed on stage at the signing ceremony (签约仪式). */
  ceremony: boolean;
  note: string | null;
  signedAt: string;
  caseId: string;
  caseState: string;
  approvedAmount: string | null;
  disbursedAmount: string;
}

/** POST /events/:id/intents (bureau, the signing ceremony): a letter of intent outside (or for) a 1:1 meeting. */
export interface CeremonyIntentRequest {
  enterpriseOrganizationId: string;
  bankOrganizationId: string;
  needId: string;
  /** 万元, decimal string. */
  amount: string;
  meetingId?: string;
  note?: string;
}

/** GET /events/:id/report. Amounts in 万元 as decimal strings. */
export interface EventReport {
  eventId: string;
  asOf: string;
  registrations: number;
  registrationsByType: { enterprises: number; banks: number };
  waitlisted: number;
  checkedIn: number;
  noShows: number;
  meetingsRequested: number;
  meetingsAccepted: number;
  meetingsPlaced: number;
  meetingsHeld: number;
  results: Record<MeetingResult, number>;
  intents: { count: number; amount: string };
  /** Of the intents' cases: credit approved (sum of approvals) and disbursed (sum of tranches). */
  approvedAmount: string;
  disbursedAmount: string;
  approvedCount: number;
  disbursedCount: number;
  byBank: { organization: EventOrgRef; meetingsHeld: number; intents: number; intentAmount: string; approvedAmount: string; disbursedAmount: string }[];
}

// ---------------------------------------------------------------- what the routes accept

/** A new event (POST /events; a draft). Empty optional fields are left out (the server's defaults apply). */
export interface EventInput {
  type: EventType;
  title: string;
  /** ISO instants. */
  startsAt: string;
  endsAt?: string | null;
  venue: string;
  onlineLink?: string | null;
  description?: string;
  capacity?: number | null;
  registrationDeadline?: string | null;
  requiresApproval?: boolean;
  isPublic?: boolean;
  coOrganizerOrgIds?: string[];
  agenda?: EventAgendaItem[];
  invitedOrganizationIds?: string[];
}

/** A change of an event (PATCH /events/:id): the version read, and the fields that change (null clears an optional one). */
export interface EventUpdateInput extends Partial<Omit<EventInput, 'description'>> {
  version: number;
  description?: string | null;
}

/** A registration (POST /events/:id/registrations): a bank states desks and names its officers, an enterprise picks its needs. */
export interface RegistrationInput {
  desks?: number;
  officers?: RegistrationOfficer[];
  needIds?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  note?: string | null;
  /** The bureau registers an organisation. */
  organizationId?: string;
}

/** A change of a registration (PATCH …/registrations/:id). */
export type RegistrationUpdateInput = Omit<RegistrationInput, 'organizationId'> & { version: number };

/** A meeting request to another participant (POST /events/:id/meeting-requests). */
export interface MeetingRequestInput {
  targetOrganizationId: string;
  priority: MeetingPriority;
  needId?: string;
  message?: string;
}

/** A meeting slot the bureau sets (PUT /events/:id/slots, ISO instants). */
export interface EventSlotInput {
  startsAt: string;
  endsAt: string;
}

/** A walk-in meeting the bureau adds on the day (POST /events/:id/meetings). */
export interface WalkInMeetingInput {
  enterpriseOrganizationId: string;
  bankOrganizationId: string;
  slotId: string;
  desk?: number;
}

/** How a meeting went (POST /events/:id/meetings/:meetingId/outcome). */
export interface MeetingOutcomeInput {
  held: boolean;
  result?: MeetingResult;
  /** 万元, decimal string; required for INTENT. */
  amount?: string;
  /** The enterprise's financing need, when the meeting names none (INTENT). */
  needId?: string;
  note?: string;
}

/** The answer of a recorded outcome: the meeting, and the matchmaking case an intent opened (or null). */
export interface MeetingOutcomeAnswer {
  meeting: MeetingView;
  caseId: string | null;
}
