import { ScorecardStatus } from '@zj/shared';
import { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { zhanjiangDate } from '../common/time';
import { EnterpriseProfile } from './enterprise-profile.entity';
import { EnterpriseErrorCode } from './enterprises.errors';
import { GreenGrade, Scorecard } from './scorecard.entity';
import { computeGrade, ScoreInputs } from './scorecard-engine';

/** What the scorecard reads about an enterprise: profile, valid identification, listed projects. */
export async function scoreInputs(m: EntityManager, orgId: string): Promise<ScoreInputs> {
  const today = zhanjiangDate();
  const p = await m.findOne(EnterpriseProfile, { where: { organizationId: orgId } });
  const [gi] = await m.query(
    `SELECT to_char(valid_until, 'YYYY-MM-DD') AS valid_until FROM green_identifications
      WHERE enterprise_org_id = $1 AND status = 'APPROVED' AND $2::date BETWEEN valid_from AND valid_until ORDER BY valid_until DESC LIMIT 1`,
    [orgId, today],
  );
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM projects WHERE enterprise_org_id = $1 AND status = 'LISTED'`, [orgId]);
  return {
    today,
    greenIdentificationValidUntil: gi?.valid_until ?? null,
    envCreditRating: p?.envCreditRating ?? null,
    certifications: p?.certifications ?? [],
    envDisclosure: p?.envDisclosure ?? false,
    carbonYear: p?.carbonYear ?? null,
    carbonIntensity: p?.carbonIntensity ?? null,
    listedProjects: n,
  };
}

/**
 * Grades an enterprise with the active scorecard inside the caller's transaction; the previous grade
 * stays, no longer current, with the scorecard version it was computed with.
 */
export async function computeAndStoreGrade(m: EntityManager, orgId: string, userId: string | null): Promise<GreenGrade> {
  const sc = await m.findOne(Scorecard, { where: { status: ScorecardStatus.ACTIVE } });
  if (!sc) throw AppException.conflict('没有启用中的评分卡', EnterpriseErrorCode.NO_ACTIVE_SCORECARD);
  await m.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
  const inputs = await scoreInputs(m, orgId);
  const result = computeGrade(sc.indicators, sc.bands, inputs);
  await m.query('UPDATE green_grades SET is_current = false WHERE enterprise_org_id = $1 AND is_current', [orgId]);
  return m.save(
    m.create(GreenGrade, {
      enterpriseOrgId: orgId,
      scorecardId: sc.id,
      scorecardVersion: sc.version,
      ...result,
      inputs: inputs as unknown as Record<string, unknown>,
      isCurrent: true,
      computedByUserId: userId,
    }),
  );
}
