/** Public face of events: what other modules may import from it. */
export { EventsDemo } from './events-demo';
export { EventsModule, EventsWorkerModule } from './events.module';
export { EventsService } from './events.service';
