import { Inject, Module } from '@nestjs/common';
import { NotificationType } from '@zj/shared';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditNames, namesByQuery } from '../audit';
import { CasesModule } from '../cases';
import { EnterprisesModule } from '../enterprises';
import { FinancingNeedsModule } from '../financing-needs';
import { MatchingModule } from '../matching';
import { ReminderChecks } from '../notifications';
import { WorkCalendarModule } from '../work-calendar';
import { MatchmakingEvent } from './event.entity';
import { eventReminderStillHolds } from './event-reminders';
import { EventsDemo } from './events-demo';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { EventMeeting, EventSlot, EventUnavailability, MeetingRequest, ScheduleRun } from './meetings/meeting.entities';
import { MeetingRequestsController } from './meetings/meeting-requests.controller';
import { MeetingRequestsService } from './meetings/meeting-requests.service';
import { MeetingsController } from './meetings/meetings.controller';
import { MeetingsService } from './meetings/meetings.service';
import { ScheduleProcessor } from './meetings/schedule.processor';
import { ScheduleService } from './meetings/schedule.service';
import { EventReportService } from './outcomes/event-report.service';
import { EventIntent } from './outcomes/intent.entity';
import { OutcomesController } from './outcomes/outcomes.controller';
import { OutcomesService } from './outcomes/outcomes.service';
import { InvitationsService } from './registrations/invitations.service';
import { EventRegistration } from './registrations/registration.entity';
import { RegistrationsController } from './registrations/registrations.controller';
import { RegistrationsService } from './registrations/registrations.service';

const ENTITIES = [MatchmakingEvent, EventRegistration, EventSlot, EventUnavailability, MeetingRequest, ScheduleRun, EventMeeting, EventIntent];

/**
 * The bureau's events (宣讲 / 推介 / 对接会) and, for a 对接会, the whole day: registrations and
 * invitations (registrations/), 1:1 requests, slots, the schedule and its edits (meetings/, solved by
 * scheduling/), check-in, outcomes, letters of intent and the report (outcomes/). It owns the
 * event_* tables; intents open cases through CasesService.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), CasesModule, EnterprisesModule, FinancingNeedsModule, MatchingModule, WorkCalendarModule],
  controllers: [EventsController, RegistrationsController, MeetingRequestsController, MeetingsController, OutcomesController],
  providers: [EventsService, RegistrationsService, InvitationsService, MeetingRequestsService, MeetingsService, ScheduleService, OutcomesService, EventReportService, EventsDemo],
  // EventsDemo: the demo 对接会, loaded by SetupService at start-up.
  exports: [EventsService, EventsDemo],
})
export class EventsModule {
  /** The audit log names events by title. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    names.register('event', namesByQuery(dataSource, 'SELECT id, title AS name FROM events WHERE id = ANY($1::uuid[])'));
  }
}

/**
 * The schedule solver's queue consumer (loaded with the worker; solves in a worker thread); and the
 * check of the reminders before an event, which notifications asks when one fires.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  providers: [ScheduleProcessor],
})
export class EventsWorkerModule {
  constructor(@Inject(ReminderChecks) checks: ReminderChecks) {
    checks.register(NotificationType.EVENT_REMINDER, eventReminderStillHolds);
  }
}
