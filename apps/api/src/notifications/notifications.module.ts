import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { EmailSender } from './channels/email.sender';
import { OutboundHttp } from './channels/outbound-http';
import { HttpSmsProvider, SmsSender } from './channels/sms.provider';
import { WebhookSender } from './channels/webhook.sender';
import { WeComSender } from './channels/wecom.sender';
import { DeliveryProcessor } from './delivery.processor';
import { NotificationDirectory } from './directory';
import { Dispatcher } from './dispatcher';
import { EndpointsService } from './endpoints.service';
import { InboxStream } from './inbox-stream';
import { InboxService } from './inbox.service';
import { NotificationQueues } from './notification-queues';
import { NotificationSignals } from './notification-signals';
import { NotificationsAdminService } from './notifications-admin.service';
import { NotificationsAdminController, NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationsWorker } from './notifications.worker';
import { OutboxRelay } from './outbox-relay';
import { PreferencesService } from './preferences.service';
import { QueueDashboard } from './queue-dashboard';
import { ReminderChecks } from './reminder-checks';
import { ScheduleHandlers } from './schedules';
import { TemplateStore } from './templates.store';

/**
 * What both the API and the worker need; global, so that any feature module can inject
 * NotificationsService and call notify() / scheduleReminder() / addToBatch() in its transactions,
 * and register the checks of its reminders in ReminderChecks (organizations and users answer
 * NotificationDirectory).
 */
@Global()
@Module({
  providers: [NotificationSignals, NotificationsService, ReminderChecks, NotificationDirectory, TemplateStore, NotificationQueues, EmailSender, HttpSmsProvider, SmsSender, OutboundHttp, WeComSender, WebhookSender],
  exports: [NotificationSignals, NotificationsService, ReminderChecks, NotificationDirectory, TemplateStore, NotificationQueues, EmailSender, HttpSmsProvider, SmsSender, OutboundHttp, WeComSender, WebhookSender],
})
export class NotificationsCoreModule {}

/** The HTTP side: inbox, live stream, preferences, endpoints, the bureau's administration and the queue dashboard. */
@Module({
  imports: [NotificationsCoreModule],
  controllers: [NotificationsController, NotificationsAdminController],
  providers: [InboxService, InboxStream, PreferencesService, EndpointsService, NotificationsAdminService, QueueDashboard],
  // The workbench counts the dead letters (issue 15).
  exports: [NotificationsAdminService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(@Inject(QueueDashboard) private readonly dashboard: QueueDashboard) {}

  onModuleInit() {
    this.dashboard.mount();
  }
}

/** The worker side: outbox relay and the consumers of the notification queues. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [OutboxRelay, Dispatcher, DeliveryProcessor, ScheduleHandlers, NotificationsWorker],
  exports: [NotificationsWorker],
})
export class NotificationsWorkerModule {}
