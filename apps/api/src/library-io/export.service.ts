import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  COLLATERAL_KIND_LABELS,
  CollateralKind,
  COUNTY_LEVEL_DIVISIONS,
  divisionByCode,
  ENTERPRISE_SIZE_LABELS,
  EnterpriseSize,
  EnvCreditRating,
  FINANCING_INSTRUMENT_LABELS,
  FinancingInstrument,
  NEED_SHARING_LABELS,
  NEED_STATUS_LABELS,
  NeedSharing,
  NeedStatus,
  PROJECT_SOURCE_LABELS,
  PROJECT_STAGE_LABELS,
  PROJECT_STATUS_LABELS,
  ProjectSource,
  ProjectStage,
  ProjectStatus,
  Role,
} from '@zj/shared';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { zhanjiangDateTime } from '../common/time';
import { maskContact, needVisibleToBankSql } from '../financing-needs';
import { ProjectFilterDto, Project, libraryScope, ProjectsService } from '../projects';
import { ColumnDef, ENTERPRISE_COLUMNS, headerText, NEED_COLUMNS, PROJECT_COLUMNS, SHEETS } from './columns';
import { neutraliseCell } from './row-rules';

const EXPORT_CHUNK = 2000;
const MAX_EXPORT_ROWS = 200_000;

const ENV_SHORT: Record<EnvCreditRating, string> = { GREEN: '绿牌', BLUE: '蓝牌', YELLOW: '黄牌', RED: '红牌' };

function addSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook,
  name: string,
  columns: ColumnDef[],
  extra: { header: string; width?: number }[] = [],
  overrides: Record<string, { header?: string; note?: string }> = {},
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...columns.map((c) => ({ header: overrides[c.key]?.header ?? headerText(c), key: c.key, width: c.width ?? 14 })),
    ...extra.map((e, i) => ({ header: e.header, key: `x${i}`, width: e.width ?? 14 })),
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2C4' : 'FFE8F3EC' } };
    const note = overrides[c.key]?.note ?? c.note;
    if (note) cell.note = note;
  });
  return ws;
}

/** The catalogue versions a template offers, and the one it names by default (the current one). */
export interface TemplateCatalogues {
  versions: { version: string; name: string }[];
  current: string;
  /** A third-level code of the current version, for the example row. */
  exampleCode: string;
}

const GIC_2019_ONLY: TemplateCatalogues = { versions: [{ version: 'GIC-2019', name: '绿色产业指导目录（2019年版）' }], current: 'GIC-2019', exampleCode: '3.2.2' };

/** Adds a row with every text cell neutralised (no cell may start a formula). */
function addRow(ws: ExcelJS.Worksheet, values: unknown[]) {
  const row = ws.addRow(values.map((v) => neutraliseCell(v ?? null)));
  return row;
}

/**
 * The import template: 企业, 项目, 融资需求 (with an example row each), and 说明. The category header
 * names the current catalogue version (绿色产业分类代码（GFC-2025）*): rows follow it unless their
 * 分类标准 cell (a drop-down of the loaded versions) names another.
 */
export async function buildTemplate(catalogues: TemplateCatalogues = GIC_2019_ONLY): Promise<Buffer> {
  const { versions, current, exampleCode } = catalogues;
  const choices = versions.map((v) => v.version);
  const wb = new ExcelJS.Workbook();
  wb.creator = '湛江绿色金融对接平台';
  const ent = addSheet(wb, SHEETS[0].sheet, ENTERPRISE_COLUMNS);
  ent.addRow(['（示例，导入前请删除本行）91440811MA00000000', '湛江某某环保科技有限公司（示例）', '麻章区', 'N', '77', '小型', '2000', '张经理', '0759-1234567', 'contact@example.com', '绿牌', '1200', '0.35', '2024', '是']);
  const proj = addSheet(wb, SHEETS[1].sheet, PROJECT_COLUMNS, [], {
    categories: {
      header: `绿色产业分类代码（${current}）*`,
      note: `三级代码，如 ${exampleCode}；多个用“；”分隔，第一个为主分类。括号中为分类标准版本，默认当前版本 ${current}，可改为：${choices.join('、')}；某行用其他版本时在该行“分类标准”列填写`,
    },
    taxonomyVersion: { note: `不填为“绿色产业分类代码”表头括号中的版本（${current}）；可填：${choices.join('、')}` },
  });
  proj.addRow(['（示例）91440811MA00000000', '麻章临港产业园屋顶分布式光伏项目（示例）', '麻章区', '湛江市麻章区临港产业园', exampleCode, '在建', '4800', '2024-03-01', '2025-06-30', '7530', '3960', '', '分布式光伏', '', '利用厂房屋顶建设分布式光伏电站', current]);
  // The 分类标准 column offers the loaded versions (an inline list holds at most 255 characters).
  const list = `"${choices.join(',')}"`;
  if (list.length <= 255) {
    const colLetter = String.fromCharCode(64 + PROJECT_COLUMNS.findIndex((c) => c.key === 'taxonomyVersion') + 1);
    (proj as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${colLetter}2:${colLetter}5001`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: '分类标准',
      error: `请选择平台已加载的分类标准：${choices.join('、')}`,
    });
  }
  const need = addSheet(wb, SHEETS[2].sheet, NEED_COLUMNS);
  need.addRow(['（示例）91440811MA00000000', '麻章临港产业园屋顶分布式光伏项目（示例）', '3500', '96', '贷款', '光伏组件、逆变器采购及安装', '应收账款（收费权）质押、设备抵押', '3.85', '', '向全部金融机构共享']);
  const help = wb.addWorksheet('说明');
  help.columns = [{ header: '说明', key: 'a', width: 110 }];
  [
    '1. 本模板用于县（市、区）和行业主管部门批量报送绿色企业、绿色项目和融资需求。带 * 的列为必填。',
    '2. 三个工作表通过“统一社会信用代码”关联；融资需求的“项目名称”须与“项目”工作表或平台上已有项目一致，不填为企业整体融资需求。',
    '3. 金额单位为万元，最多两位小数（表头写成“总投资（元）”等时按元填写，平台换算为万元）；日期格式为 YYYY-MM-DD，也可写 2026/5/1 或 2026年5月1日；请勿使用公式。',
    '4. 重复导入同一文件不会产生重复记录：企业按信用代码、项目按“企业+项目名称”、融资需求按各列内容识别。',
    '5. 导入后的项目进入审核：县区导入的先由本县区初审，再按绿色产业分类路由到行业主管部门审核入库。',
    `6. 县（市、区）可填：${COUNTY_LEVEL_DIVISIONS.map((d) => d.name).join('、')}。`,
    `7. 项目阶段：${Object.values(PROJECT_STAGE_LABELS).join('、')}；融资方式：${Object.values(FINANCING_INSTRUMENT_LABELS).join('、')}。`,
    `8. 担保方式：${Object.values(COLLATERAL_KIND_LABELS).join('、')}（无担保填“无”）。`,
    `9. 绿色产业分类代码为三级代码，可在平台“参考数据”中查询。平台已加载的分类标准：${versions.map((v) => `${v.version}（${v.name}）`).join('、')}；本模板默认当前版本 ${current}（见“项目”工作表“绿色产业分类代码”表头括号），某行用其他版本时在该行“分类标准”列填写版本代码。`,
    '10. 用 WPS、Excel 或 LibreOffice 编辑后请保存为 Excel 工作簿（.xlsx），不要保存为 .xls 或 .csv。',
  ].forEach((t) => help.addRow([t]));
  for (const ws of [ent, proj, need]) ws.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  /**
   * Streams the filtered library as .xlsx: 项目 (the template's columns, then status columns), 融资需求
   * of those projects, and 企业 owning them. Banks see listed entries with contacts masked.
   *
   * `firstRowsRead` is called once the first chunk of projects was read and written (the database
   * answered, the filter is good): a caller holding the output until then can still answer an earlier
   * error in the error shape (see HeldDownload). `signal` stops the export between chunks (the client
   * went away). Any error is thrown; the writer is then left unfinished.
   */
  async exportProjects(actor: Actor, f: ProjectFilterDto, out: Writable, opts: { firstRowsRead?: () => void; signal?: AbortSignal } = {}): Promise<number> {
    const stillWanted = () => opts.signal?.throwIfAborted();
    const scope = await libraryScope(this.dataSource.manager, actor);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = addSheet(wb, '项目', PROJECT_COLUMNS, [
      { header: '状态', width: 10 },
      { header: '审核环节', width: 12 },
      { header: '审核单位', width: 20 },
      { header: '来源', width: 16 },
      { header: '入库时间', width: 20 },
      { header: '企业名称', width: 36 },
      { header: '项目编号', width: 38 },
    ]);
    const enterpriseIds = new Set<string>();
    const projectIds: string[] = [];
    const orgNames = new Map<string, string>();
    let offset = 0;
    let n = 0;
    for (;;) {
      stillWanted();
      const qb = this.projects.applyFilters(this.dataSource.getRepository(Project).createQueryBuilder('p'), scope, { ...f, page: undefined, pageSize: undefined });
      const chunk = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'ASC').offset(offset).limit(EXPORT_CHUNK).getMany();
      if (!chunk.length) break;
      offset += chunk.length;
      const ids = chunk.map((p) => p.id);
      const orgIds = [...new Set(chunk.flatMap((p) => [p.enterpriseOrgId, p.reviewerOrgId].filter(Boolean) as string[]).filter((id) => !orgNames.has(id)))];
      if (orgIds.length) {
        for (const o of await this.dataSource.query('SELECT id, name, credit_code FROM organizations WHERE id = ANY($1)', [orgIds])) {
          orgNames.set(o.id, o.name);
          orgNames.set(`code:${o.id}`, o.credit_code ?? '');
        }
      }
      const cats: { project_id: string; code: string; is_primary: boolean }[] = await this.dataSource.query('SELECT project_id, code, is_primary FROM project_categories WHERE project_id = ANY($1)', [ids]);
      for (const p of chunk) {
        const codes = cats.filter((c) => c.project_id === p.id).sort((a, b) => Number(b.is_primary) - Number(a.is_primary)).map((c) => c.code);
        addRow(ws, [
          orgNames.get(`code:${p.enterpriseOrgId}`),
          p.name,
          divisionByCode(p.divisionCode)?.name ?? p.divisionCode,
          p.location,
          codes.join('；'),
          PROJECT_STAGE_LABELS[p.stage as ProjectStage],
          Number(p.totalInvestment),
          p.constructionStart,
          p.constructionEnd,
          p.co2AvoidedT === null ? null : Number(p.co2AvoidedT),
          p.coalSavedTce === null ? null : Number(p.coalSavedTce),
          p.waterSavedT === null ? null : Number(p.waterSavedT),
          p.tags.join('、'),
          p.greenBuildingStars,
          p.description,
          p.primaryCategoryVersion,
          PROJECT_STATUS_LABELS[p.status as ProjectStatus],
          p.reviewStage ? { COUNTY: '县区初审', DEPARTMENT: '部门审核' }[p.reviewStage] : null,
          p.reviewerOrgId ? orgNames.get(p.reviewerOrgId) : null,
          PROJECT_SOURCE_LABELS[p.source as ProjectSource],
          p.listedAt ? zhanjiangDateTime(p.listedAt) : null,
          orgNames.get(p.enterpriseOrgId),
          p.id,
        ]).commit();
        enterpriseIds.add(p.enterpriseOrgId);
        projectIds.push(p.id);
        n++;
      }
      opts.firstRowsRead?.();
      if (n >= MAX_EXPORT_ROWS || chunk.length < EXPORT_CHUNK) break;
    }
    ws.commit();
    opts.firstRowsRead?.();

    // 融资需求 of the exported projects (for banks: only those shared with them).
    const nws = addSheet(wb, '融资需求', NEED_COLUMNS, [{ header: '状态', width: 10 }]);
    for (let i = 0; i < projectIds.length; i += EXPORT_CHUNK) {
      stillWanted();
      const ids = projectIds.slice(i, i + EXPORT_CHUNK);
      const bankFilter = scope.role === Role.BANK ? `AND ${needVisibleToBankSql('n', '$2')}` : '';
      const rows = await this.dataSource.query(
        `SELECT o.credit_code, p.name AS project_name, n.amount, n.term_months, n.instrument, n.purpose, n.collateral, n.max_rate_percent, to_char(n.wanted_by, 'YYYY-MM-DD') AS wanted_by, n.sharing, n.status
           FROM financing_needs n JOIN organizations o ON o.id = n.enterprise_org_id JOIN projects p ON p.id = n.project_id
          WHERE n.project_id = ANY($1) ${bankFilter} ORDER BY p.name, n.created_at`,
        scope.role === Role.BANK ? [ids, scope.orgId] : [ids],
      );
      for (const r of rows) {
        addRow(nws, [
          r.credit_code,
          r.project_name,
          Number(r.amount),
          r.term_months,
          FINANCING_INSTRUMENT_LABELS[r.instrument as FinancingInstrument],
          r.purpose,
          (r.collateral as CollateralKind[]).map((c) => COLLATERAL_KIND_LABELS[c]).join('、'),
          r.max_rate_percent === null ? null : Number(r.max_rate_percent),
          r.wanted_by,
          NEED_SHARING_LABELS[r.sharing as NeedSharing],
          NEED_STATUS_LABELS[r.status as NeedStatus],
        ]).commit();
      }
    }
    nws.commit();

    // 企业 owning the exported projects.
    const ews = addSheet(wb, '企业', ENTERPRISE_COLUMNS);
    const entIds = [...enterpriseIds];
    for (let i = 0; i < entIds.length; i += EXPORT_CHUNK) {
      stillWanted();
      const rows = await this.dataSource.query(
        `SELECT o.credit_code, o.name, o.division_code, ep.industry_section, ep.industry_division, ep.size, ep.registered_capital, ep.contact_name, ep.contact_phone,
                ep.contact_email, ep.env_credit_rating, ep.carbon_emissions_t, ep.carbon_intensity, ep.carbon_year, ep.env_disclosure
           FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id WHERE o.id = ANY($1) ORDER BY o.name`,
        [entIds.slice(i, i + EXPORT_CHUNK)],
      );
      for (const r of rows) {
        // Banks get the library without contact details (revealed per need on the platform).
        const contact = scope.role === Role.BANK ? maskContact({ contactName: r.contact_name, contactPhone: r.contact_phone, contactEmail: r.contact_email }) : { contactName: r.contact_name, contactPhone: r.contact_phone, contactEmail: r.contact_email };
        addRow(ews, [
          r.credit_code,
          r.name,
          divisionByCode(r.division_code)?.name ?? r.division_code,
          r.industry_section,
          r.industry_division,
          r.size ? ENTERPRISE_SIZE_LABELS[r.size as EnterpriseSize] : null,
          r.registered_capital === null ? null : Number(r.registered_capital),
          contact.contactName,
          contact.contactPhone,
          contact.contactEmail,
          r.env_credit_rating ? ENV_SHORT[r.env_credit_rating as EnvCreditRating] : null,
          r.carbon_emissions_t === null ? null : Number(r.carbon_emissions_t),
          r.carbon_intensity === null ? null : Number(r.carbon_intensity),
          r.carbon_year,
          r.env_disclosure === null ? null : r.env_disclosure ? '是' : '否',
        ]).commit();
      }
    }
    ews.commit();
    stillWanted();
    await wb.commit();
    return n;
  }
}
