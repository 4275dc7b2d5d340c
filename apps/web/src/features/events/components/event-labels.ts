import { EventStatus } from '@zj/shared';

export const EVENT_STATUS_COLORS: Record<EventStatus, string> = { [EventStatus.PLANNED]: 'processing', [EventStatus.HELD]: 'success', [EventStatus.CANCELLED]: 'default' };
