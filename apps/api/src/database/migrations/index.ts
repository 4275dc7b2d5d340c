import { Foundation1764300000000 } from './1764300000000-foundation';

/**
 * Every migration, in order. A feature adds its migration class here (timestamped file name in this
 * folder); the start and test commands run pending ones before anything else.
 */
export const MIGRATIONS = [Foundation1764300000000];
