import type { EnterpriseProfileView, GreenGradeView, GreenIdentificationView } from '@zj/shared';
import { isoTime, isoTimeOrNull } from '../common/time';
import type { EnterpriseProfile } from './enterprise-profile.entity';
import type { GreenIdentification } from './green-identification.entity';
import type { GreenGrade } from './scorecard.entity';

/** The enterprise views the routes answer: the entities' fields as they are written to JSON. */
export const profileView = (p: EnterpriseProfile): EnterpriseProfileView => ({ ...p, createdAt: isoTime(p.createdAt), updatedAt: isoTime(p.updatedAt) });

export const gradeView = (g: GreenGrade): GreenGradeView => ({ ...g, computedAt: isoTime(g.computedAt) });

export const identificationView = (gi: GreenIdentification): GreenIdentificationView => ({
  ...gi,
  decidedAt: isoTimeOrNull(gi.decidedAt),
  createdAt: isoTime(gi.createdAt),
  updatedAt: isoTime(gi.updatedAt),
});
