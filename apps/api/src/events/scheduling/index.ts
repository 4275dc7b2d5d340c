/** The 1:1 meeting scheduler of a matchmaking event (银企对接会): public API. */
export type { NotPlacedReason, ScheduleInstance, ScheduleObjective, ScheduleResult, ScheduleSolveOptions, ScheduledMeeting } from './schedule-model';
export { interestOf } from './schedule-model';
export { greedySchedule } from './schedule-greedy';
export { solveSchedule } from './schedule-solver';
export { solveScheduleInWorker } from './schedule-in-worker';
export { validateSchedule } from './schedule-validate';
export { randomInstance } from './schedule-random';
