import { Foundation1764300000000 } from './1764300000000-foundation';
import { Library1764300100000 } from './1764300100000-library';
import { Matchmaking1764300200000 } from './1764300200000-matchmaking';
import { Notifications1764300300000 } from './1764300300000-notifications';
import { Plan1764300400000 } from './1764300400000-plan';
import { NotificationsWiring1764300460000 } from './1764300460000-notifications-wiring';
import { Performance1764300500000 } from './1764300500000-performance';
import { CatalogueBankNames1764300600000 } from './1764300600000-catalogue-bank-names';
import { PlanIndicatorArchive1764300700000 } from './1764300700000-plan-indicator-archive';
import { ImportJobs1764300800000 } from './1764300800000-import-jobs';
import { EventMatchmaking1764300900000 } from './1764300900000-event-matchmaking';
import { PasswordChangeRequired1764301000000 } from './1764301000000-password-change-required';
import { IdempotencyKeys1764301100000 } from './1764301100000-idempotency-keys';
import { EventHeldAttendance1764301300000 } from './1764301300000-event-held-attendance';
import { CaseReferrals1764301400000 } from './1764301400000-case-referrals';
import { PlanDashboardFacts1764301500000 } from './1764301500000-plan-dashboard-facts';
import { AuthAttempts1764301600000 } from './1764301600000-auth-attempts';
import { SearchTerms1764313000000 } from './1764313000000-search-terms';
import { LowerCaseLogins1764313100000 } from './1764313100000-lower-case-logins';
import { CaseStatisticsFacts1764313200000 } from './1764313200000-case-statistics-facts';

/**
 * Every migration, in order. A feature adds its migration class here (timestamped file name in this
 * folder); the start and test commands run pending ones before anything else.
 */
export const MIGRATIONS = [Foundation1764300000000, Library1764300100000, Matchmaking1764300200000, Notifications1764300300000, Plan1764300400000, NotificationsWiring1764300460000, Performance1764300500000, CatalogueBankNames1764300600000, PlanIndicatorArchive1764300700000, ImportJobs1764300800000, EventMatchmaking1764300900000, PasswordChangeRequired1764301000000, IdempotencyKeys1764301100000, EventHeldAttendance1764301300000, CaseReferrals1764301400000, PlanDashboardFacts1764301500000, AuthAttempts1764301600000, SearchTerms1764313000000, LowerCaseLogins1764313100000, CaseStatisticsFacts1764313200000];
