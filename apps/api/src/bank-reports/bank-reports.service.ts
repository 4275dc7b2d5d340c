import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type BankLoanReportView,
  type BankProfileRow,
  type BankProfileView,
  type BankReportCoverage,
  compareDecimal,
  type GreenLoanRatioView,
  OrgType,
  type Page,
} from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { paginate } from '../common/http/pagination';
import { isoTime, zhanjiangDate } from '../common/time';
import { BankLoanReport, BankProfile } from './bank-report.entity';
import { BankReportErrorCode } from './bank-reports.errors';
import { ListLoanReportsQuery, PutBankProfileDto, PutLoanReportDto, RatioQuery } from './dto/bank-report.dto';
import { MonthTotals, ratioSeries, ratioTrend } from './green-loan-ratio';

const monthStart = (month: string) => `${month}-01`;

/** A profile as the routes answer it (JSON's ISO timestamps). */
const profileView = (p: BankProfile): BankProfileView => ({ ...p, createdAt: isoTime(p.createdAt), updatedAt: isoTime(p.updatedAt) });

/**
 * Banks' profile facts (green finance team, local rural commercial bank, environmental disclosure)
 * and monthly green-loan reports; the city's green loan ratio Σ green ÷ Σ total. A bank edits its
 * own; the bureau and regulators read all.
 */
@Injectable()
export class BankReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private async institution(m: EntityManager, actor: Actor, mustBeBank: boolean) {
    const [org] = await m.query(`SELECT id, name, type, institution_kind FROM organizations WHERE id = $1`, [actor.organizationId]);
    if (!org || org.type !== OrgType.FINANCIAL_INSTITUTION || (mustBeBank && org.institution_kind !== 'BANK')) {
      throw AppException.forbidden(mustBeBank ? '只有银行机构报送绿色贷款月报' : '只有金融机构填写机构资料', BankReportErrorCode.NOT_A_BANK);
    }
    return org as { id: string; name: string };
  }

  async myProfile(actor: Actor): Promise<BankProfileView> {
    await this.institution(this.dataSource.manager, actor, false);
    const p = await this.dataSource.getRepository(BankProfile).findOneBy({ organizationId: actor.organizationId });
    return p ? profileView(p) : { organizationId: actor.organizationId, hasGreenFinanceTeam: false, greenTeamSince: null, greenTeamNote: null, isLocalRuralCommercialBank: false, disclosesEnvironmentalInfo: false, disclosureUrl: null, disclosureYear: null, version: 0 };
  }

  putMyProfile(actor: Actor, dto: PutBankProfileDto): Promise<BankProfileView> {
    if (dto.hasGreenFinanceTeam && !dto.greenTeamSince) {
      throw AppException.badRequest('已组建团队时请填写组建日期', BankReportErrorCode.TEAM_SINCE_REQUIRED, [{ field: 'greenTeamSince', messages: ['已组建团队时必填'] }]);
    }
    if (dto.disclosesEnvironmentalInfo && !dto.disclosureYear) {
      throw AppException.badRequest('已披露环境信息时请填写首次披露年度', BankReportErrorCode.DISCLOSURE_YEAR_REQUIRED, [{ field: 'disclosureYear', messages: ['已披露时必填'] }]);
    }
    return this.dataSource.transaction(async (m) => {
      await this.institution(m, actor, false);
      const existing = await m.findOne(BankProfile, { where: { organizationId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (existing && existing.version !== dto.version) {
        throw AppException.conflict('机构资料已被他人修改，请刷新后重试', BankReportErrorCode.VERSION_CONFLICT, { currentVersion: existing.version });
      }
      const before = existing ? { ...existing } : null;
      const row = existing ?? m.create(BankProfile, { organizationId: actor.organizationId, version: 0 });
      row.hasGreenFinanceTeam = dto.hasGreenFinanceTeam;
      row.greenTeamSince = dto.hasGreenFinanceTeam ? dto.greenTeamSince! : null;
      row.greenTeamNote = dto.greenTeamNote ?? null;
      row.isLocalRuralCommercialBank = dto.isLocalRuralCommercialBank;
      row.disclosesEnvironmentalInfo = dto.disclosesEnvironmentalInfo;
      row.disclosureUrl = dto.disclosesEnvironmentalInfo ? (dto.disclosureUrl ?? null) : null;
      row.disclosureYear = dto.disclosesEnvironmentalInfo ? dto.disclosureYear! : null;
      row.updatedByUserId = actor.userId;
      row.version = (row.version ?? 0) + 1;
      let saved: BankProfile;
      try {
        saved = await m.save(row);
      } catch (e) {
        // Two first saves at once: the primary key lets one in.
        if ((e as { code?: string }).code === '23505') throw AppException.conflict('机构资料已被他人修改，请刷新后重试', BankReportErrorCode.VERSION_CONFLICT);
        throw e;
      }
      await this.audit.record(m, actor, { action: 'bank_profile.update', entityType: 'bank_profile', entityId: actor.organizationId, before, after: saved });
      return profileView(saved);
    });
  }

  /** Every financial institution with its profile facts (bureau, regulators). */
  async listProfiles(): Promise<{ items: BankProfileRow[] }> {
    const rows: (Omit<BankProfileRow, 'updatedAt'> & { updatedAt: Date | null })[] = await this.dataSource.query(
      `SELECT o.id AS "organizationId", o.name, o.institution_kind AS "institutionKind", o.is_demo AS "isDemo",
              coalesce(p.has_green_finance_team, false) AS "hasGreenFinanceTeam", to_char(p.green_team_since, 'YYYY-MM-DD') AS "greenTeamSince",
              p.green_team_note AS "greenTeamNote", coalesce(p.is_local_rural_commercial_bank, false) AS "isLocalRuralCommercialBank",
              coalesce(p.discloses_environmental_info, false) AS "disclosesEnvironmentalInfo", p.disclosure_url AS "disclosureUrl",
              p.disclosure_year AS "disclosureYear", p.updated_at AS "updatedAt", (p.organization_id IS NOT NULL) AS "declared"
         FROM organizations o LEFT JOIN bank_profiles p ON p.organization_id = o.id
        WHERE o.type = 'FINANCIAL_INSTITUTION'
        ORDER BY o.name`,
    );
    return { items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt && isoTime(r.updatedAt) })) };
  }

  putLoanReport(actor: Actor, month: string, dto: PutLoanReportDto): Promise<BankLoanReportView> {
    if (month > zhanjiangDate().slice(0, 7)) {
      throw AppException.badRequest('不能报送未来月份', BankReportErrorCode.MONTH_INVALID, [{ field: 'month', messages: ['不能报送未来月份'] }]);
    }
    if (compareDecimal(dto.greenLoanBalance, dto.totalLoanBalance) > 0) {
      throw AppException.badRequest('绿色贷款余额不能大于各项贷款余额', BankReportErrorCode.GREEN_EXCEEDS_TOTAL, [{ field: 'greenLoanBalance', messages: ['不能大于各项贷款余额'] }]);
    }
    return this.dataSource.transaction(async (m) => {
      await this.institution(m, actor, true);
      const existing = await m.findOne(BankLoanReport, { where: { bankOrgId: actor.organizationId, month: monthStart(month) }, lock: { mode: 'pessimistic_write' } });
      if (existing && existing.version !== dto.version) {
        throw AppException.conflict('该月月报已报送或已被更正，请刷新后重试', BankReportErrorCode.VERSION_CONFLICT, { currentVersion: existing.version });
      }
      const before = existing ? { ...existing } : null;
      const row = existing ?? m.create(BankLoanReport, { bankOrgId: actor.organizationId, month: monthStart(month), version: 0 });
      row.greenLoanBalance = dto.greenLoanBalance;
      row.totalLoanBalance = dto.totalLoanBalance;
      row.note = dto.note ?? null;
      row.submittedByUserId = actor.userId;
      row.version = (row.version ?? 0) + 1;
      let saved: BankLoanReport;
      try {
        saved = await m.save(row);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw AppException.conflict('该月月报已由他人报送，请刷新后重试', BankReportErrorCode.VERSION_CONFLICT);
        throw e;
      }
      await this.audit.record(m, actor, { action: existing ? 'bank_loan_report.correct' : 'bank_loan_report.submit', entityType: 'bank_loan_report', entityId: saved.id, before, after: saved });
      return this.view(saved);
    });
  }

  private view(r: BankLoanReport): BankLoanReportView {
    return { ...r, month: String(r.month).slice(0, 7), createdAt: isoTime(r.createdAt), updatedAt: isoTime(r.updatedAt) };
  }

  async myLoanReports(actor: Actor): Promise<{ items: BankLoanReportView[] }> {
    await this.institution(this.dataSource.manager, actor, true);
    const rows = await this.dataSource.getRepository(BankLoanReport).find({ where: { bankOrgId: actor.organizationId }, order: { month: 'DESC' } });
    return { items: rows.map((r) => this.view(r)) };
  }

  async listLoanReports(query: ListLoanReportsQuery): Promise<Page<BankLoanReportView>> {
    const qb = this.dataSource
      .getRepository(BankLoanReport)
      .createQueryBuilder('r')
      .leftJoin('organizations', 'o', 'o.id = r.bank_org_id')
      .addSelect('o.name', 'bank_name');
    if (query.month) qb.andWhere('r.month = :month', { month: monthStart(query.month) });
    if (query.bankOrgId) qb.andWhere('r.bank_org_id = :bank', { bank: query.bankOrgId });
    const page = await paginate(qb, query, { month: 'r.month', createdAt: 'r.created_at' }, '-month');
    const names = new Map<string, string>(
      (await this.dataSource.query(`SELECT id, name FROM organizations WHERE id = ANY($1)`, [[...new Set(page.items.map((r) => r.bankOrgId))]])).map((o: { id: string; name: string }) => [o.id, o.name]),
    );
    return { ...page, items: page.items.map((r) => ({ ...this.view(r), bankName: names.get(r.bankOrgId) ?? null })) };
  }

  /** Month totals over every bank's report of the month. */
  async monthTotals(m: EntityManager = this.dataSource.manager, range: { from?: string; to?: string } = {}): Promise<MonthTotals[]> {
    const rows = await m.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, sum(green_loan_balance)::text AS green, sum(total_loan_balance)::text AS total, count(*)::int AS banks
         FROM bank_loan_reports
        WHERE ($1::date IS NULL OR month >= $1::date) AND ($2::date IS NULL OR month <= $2::date)
        GROUP BY month ORDER BY month`,
      [range.from ? monthStart(range.from) : null, range.to ? monthStart(range.to) : null],
    );
    return rows;
  }

  async ratio(query: RatioQuery): Promise<GreenLoanRatioView> {
    const series = ratioSeries(await this.monthTotals(undefined, query));
    return {
      series,
      latest: series.length ? series[series.length - 1] : null,
      /** Percentage points against the month before. */
      trend: ratioTrend(series),
      /** The plan's lines: 10% (end 2023, about 10% in 2025) and about 15% in 2030. */
      targets: [
        { value: '10.00', label: '2023年末目标 10%（2025年约10%）' },
        { value: '15.00', label: '2030年目标 约15%' },
      ],
    };
  }

  /**
   * The totals of the latest month reported on or before `asOf` (a date), or null: the plan's
   * GREEN_LOAN_RATIO figure of that day (its series: monthTotals).
   */
  async latestMonthTotals(asOf: string, m: EntityManager = this.dataSource.manager): Promise<MonthTotals | null> {
    const months = await this.monthTotals(m, { to: asOf.slice(0, 7) });
    return months.length ? months[months.length - 1] : null;
  }

  /** The banks whose profile says they have had a green finance team since `asOf` or before (the plan's BANKS_WITH_GREEN_TEAM). */
  async banksWithGreenTeam(asOf: string, m: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM bank_profiles p JOIN organizations o ON o.id = p.organization_id
        WHERE o.type = 'FINANCIAL_INSTITUTION' AND o.institution_kind = 'BANK' AND p.has_green_finance_team AND p.green_team_since <= $1::date`,
      [asOf],
    );
    return row.n;
  }

  /**
   * The local rural commercial banks (法人农商行) with a profile, and how many of them disclose
   * environmental information for the year of `asOf` or earlier (the plan's RURAL_BANKS_DISCLOSING).
   */
  async ruralBanksDisclosing(asOf: string, m: EntityManager = this.dataSource.manager): Promise<{ disclosed: number; total: number }> {
    const [row] = await m.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE p.discloses_environmental_info AND p.disclosure_year <= extract(year FROM $1::date))::int AS disclosed
         FROM bank_profiles p JOIN organizations o ON o.id = p.organization_id
        WHERE o.type = 'FINANCIAL_INSTITUTION' AND p.is_local_rural_commercial_bank`,
      [asOf],
    );
    return { disclosed: row.disclosed, total: row.total };
  }

  /** Which banks reported the month and which did not yet. */
  async coverage(month: string): Promise<BankReportCoverage> {
    const rows: { id: string; name: string; reported: boolean }[] = await this.dataSource.query(
      `SELECT o.id, o.name, EXISTS (SELECT 1 FROM bank_loan_reports r WHERE r.bank_org_id = o.id AND r.month = $1::date) AS reported
         FROM organizations o WHERE o.type = 'FINANCIAL_INSTITUTION' AND o.institution_kind = 'BANK' ORDER BY o.name`,
      [monthStart(month)],
    );
    return { month, reported: rows.filter((r) => r.reported).map(({ id, name }) => ({ id, name })), missing: rows.filter((r) => !r.reported).map(({ id, name }) => ({ id, name })) };
  }
}

