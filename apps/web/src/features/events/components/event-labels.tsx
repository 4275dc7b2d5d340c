import { Tag } from 'antd';
import {
  EVENT_STATUS_LABELS,
  EventStatus,
  MEETING_PRIORITY_LABELS,
  MEETING_REQUEST_STATUS_LABELS,
  MeetingPriority,
  MeetingRequestStatus,
  REGISTRATION_STATUS_LABELS,
  RegistrationStatus,
} from '@zj/shared';
import { formatDateTime } from '../../../lib/format';

export const EVENT_STATUS_COLORS: Record<EventStatus, string> = {
  [EventStatus.DRAFT]: 'default',
  [EventStatus.PUBLISHED]: 'processing',
  [EventStatus.REGISTRATION_CLOSED]: 'gold',
  [EventStatus.IN_PROGRESS]: 'cyan',
  [EventStatus.HELD]: 'success',
  [EventStatus.CANCELLED]: 'red',
};

export function EventStatusTag({ status, testId }: { status: EventStatus; testId?: string }) {
  return (
    <Tag color={EVENT_STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {EVENT_STATUS_LABELS[status]}
    </Tag>
  );
}

const REGISTRATION_COLORS: Record<RegistrationStatus, string> = {
  [RegistrationStatus.PENDING]: 'gold',
  [RegistrationStatus.REGISTERED]: 'success',
  [RegistrationStatus.WAITLISTED]: 'orange',
  [RegistrationStatus.REJECTED]: 'red',
  [RegistrationStatus.CANCELLED]: 'default',
};

export function RegistrationStatusTag({ status, testId }: { status: RegistrationStatus; testId?: string }) {
  return (
    <Tag color={REGISTRATION_COLORS[status]} data-testid={testId} data-status={status}>
      {REGISTRATION_STATUS_LABELS[status]}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: MeetingPriority | null }) {
  if (!priority) return null;
  return <Tag color={priority === MeetingPriority.MUST ? 'red' : 'blue'}>{MEETING_PRIORITY_LABELS[priority]}</Tag>;
}

const REQUEST_COLORS: Record<MeetingRequestStatus, string> = {
  [MeetingRequestStatus.PENDING]: 'gold',
  [MeetingRequestStatus.ACCEPTED]: 'success',
  [MeetingRequestStatus.DECLINED]: 'default',
  [MeetingRequestStatus.WITHDRAWN]: 'default',
};

export function RequestStatusTag({ status, testId }: { status: MeetingRequestStatus; testId?: string }) {
  return (
    <Tag color={REQUEST_COLORS[status]} data-testid={testId} data-status={status}>
      {MEETING_REQUEST_STATUS_LABELS[status]}
    </Tag>
  );
}

/** `09:30` in Asia/Shanghai. */
export const clock = (iso: string) => formatDateTime(iso).slice(11);

/** `2026-05-20 09:30–09:50` (the end's date only when it differs). */
export function timeRange(startsAt: string, endsAt: string | null | undefined): string {
  const start = formatDateTime(startsAt);
  if (!endsAt) return start;
  const end = formatDateTime(endsAt);
  return end.slice(0, 10) === start.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} 至 ${end}`;
}

/** A check-in code as people type it: XXXX-XXXX-XXXX. */
export const formatCheckInCode = (code: string) => code.replace(/[^0-9A-Za-z]/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1-');
