/** Public face of work-calendar: what other modules may import from it. */
export { WorkCalendarModule } from './work-calendar.module';
export { WorkCalendarService } from './work-calendar.service';
export { addCalendarDays, addWorkingDays, isOverdue, isWorkingDay, workingDaysBetween } from './working-days';
export type { CalendarOverrides } from './working-days';
