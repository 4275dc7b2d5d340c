import {
  CollateralKind,
  COLLATERAL_KIND_LABELS,
  COUNTY_LEVEL_DIVISIONS,
  CREDIT_CODE_PROBLEM_MESSAGES,
  creditCodeProblem,
  EnterpriseSize,
  ENTERPRISE_SIZE_LABELS,
  EnvCreditRating,
  FinancingInstrument,
  FINANCING_INSTRUMENT_LABELS,
  industryDivisionMatches,
  ImportRowError,
  ImportSheet,
  MAX_AMOUNT_WAN,
  MAX_PROJECT_TAGS,
  MAX_RATE_PERCENT,
  MAX_TAG_LENGTH,
  MAX_TERM_MONTHS,
  NeedSharing,
  ProjectStage,
  PROJECT_STAGE_LABELS,
} from '@zj/shared';
import { ColumnDef, ENTERPRISE_COLUMNS, NEED_COLUMNS, PROJECT_COLUMNS } from './columns';

/**
 * Row rules of the import as plain functions: each turns the raw text cells of one spreadsheet row
 * into a typed record, or lists what is wrong, column by column, in Chinese.
 */

/** A raw row: header key → cell text ('' when empty); `formula` lists keys whose cell held a formula. */
export interface RawRow {
  row: number;
  cells: Record<string, string>;
  formulas: string[];
}

export interface EnterpriseRecord {
  row: number;
  creditCode: string;
  name: string;
  divisionCode: string;
  industrySection: string | null;
  industryDivision: string | null;
  size: EnterpriseSize | null;
  registeredCapital: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  envCreditRating: EnvCreditRating | null;
  carbonEmissionsT: string | null;
  carbonIntensity: string | null;
  carbonYear: number | null;
  envDisclosure: boolean | null;
}

export interface ProjectRecord {
  row: number;
  creditCode: string;
  name: string;
  divisionCode: string | null;
  location: string | null;
  categories: string[];
  stage: ProjectStage;
  totalInvestment: string;
  constructionStart: string | null;
  constructionEnd: string | null;
  co2AvoidedT: string | null;
  coalSavedTce: string | null;
  waterSavedT: string | null;
  tags: string[];
  greenBuildingStars: number | null;
  description: string | null;
}

export interface NeedRecord {
  row: number;
  creditCode: string;
  projectName: string | null;
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  collateral: CollateralKind[];
  maxRatePercent: string | null;
  wantedBy: string | null;
  sharing: NeedSharing;
}

type Result<T> = { record: T | null; errors: ImportRowError[] };

class RowChecker {
  readonly errors: ImportRowError[] = [];
  constructor(
    private readonly sheet: ImportSheet,
    private readonly raw: RawRow,
    private readonly columns: ColumnDef[],
  ) {
    for (const key of raw.formulas) this.fail(key, '单元格含有公式，请改为直接填写数值或文字');
  }

  header(key: string) {
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  fail(key: string, message: string) {
    // one message per cell is enough
    const column = this.header(key);
    if (this.errors.some((e) => e.column === column)) return;
    this.errors.push({ sheet: this.sheet, row: this.raw.row, column, value: this.raw.cells[key] ?? null, message });
  }

  text(key: string, opts: { required?: boolean; max?: number; min?: number } = {}): string | null {
    if (this.raw.formulas.includes(key)) return null;
    const v = (this.raw.cells[key] ?? '').trim();
    if (!v) {
      if (opts.required) this.fail(key, '必填');
      return null;
    }
    if (opts.max && [...v].length > opts.max) this.fail(key, `不超过${opts.max}字`);
    if (opts.min && [...v].length < opts.min) this.fail(key, `至少${opts.min}字`);
    return v;
  }

  /** A decimal string with at most `scale` places, within bounds. */
  decimal(key: string, opts: { required?: boolean; min?: number; minExclusive?: boolean; max: number; scale?: number; what?: string }): string | null {
    const v = this.text(key, { required: opts.required });
    if (v === null) return null;
    const s = v.replace(/,/g, '');
    const scale = opts.scale ?? 2;
    if (!/^-?\d+(\.\d+)?$/.test(s)) {
      this.fail(key, '应为数字');
      return null;
    }
    const n = Number(s);
    if (opts.min !== undefined && opts.min >= 0 && n < 0) {
      this.fail(key, '不能为负数');
      return null;
    }
    if (opts.min !== undefined && (opts.minExclusive ? n <= opts.min : n < opts.min)) {
      this.fail(key, opts.minExclusive ? `应大于${opts.min}` : `不小于${opts.min}`);
      return null;
    }
    if (n > opts.max) {
      this.fail(key, `数值过大（不超过${opts.max}${opts.what ?? ''}），请检查单位是否为万元`);
      return null;
    }
    const [int, frac = ''] = s.replace(/^-/, '').split('.');
    if (frac.replace(/0+$/, '').length > scale) {
      this.fail(key, `最多${scale}位小数`);
      return null;
    }
    return `${s.startsWith('-') ? '-' : ''}${BigInt(int).toString()}${scale ? `.${frac.padEnd(scale, '0').slice(0, scale)}` : ''}`;
  }

  integer(key: string, opts: { required?: boolean; min: number; max: number }): number | null {
    const v = this.text(key, { required: opts.required });
    if (v === null) return null;
    if (!/^\d+(\.0+)?$/.test(v)) {
      this.fail(key, '应为整数');
      return null;
    }
    const n = Number(v);
    if (n < opts.min || n > opts.max) {
      this.fail(key, `应在${opts.min}至${opts.max}之间`);
      return null;
    }
    return n;
  }

  date(key: string): string | null {
    const v = this.text(key);
    if (v === null) return null;
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
    if (!m) {
      this.fail(key, '日期格式应为 YYYY-MM-DD');
      return null;
    }
    const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
      this.fail(key, '日期不存在');
      return null;
    }
    return iso;
  }

  choice<T extends string>(key: string, labels: Record<T, string>, opts: { required?: boolean; aliases?: Record<string, T> } = {}): T | null {
    const v = this.text(key, { required: opts.required });
    if (v === null) return null;
    const found = (Object.entries(labels) as [T, string][]).find(([code, label]) => v === label || v.toUpperCase() === code || label.startsWith(v));
    const alias = opts.aliases?.[v];
    if (alias) return alias;
    if (!found) {
      this.fail(key, `应为：${Object.values(labels).join('、')}`);
      return null;
    }
    return found[0];
  }
}

const SPLIT = /[、，,；;/\s]+/;

/** A county-level division or zone by name or code. */
export function divisionOf(v: string): string | null {
  const t = v.trim();
  const d = COUNTY_LEVEL_DIVISIONS.find((x) => x.code === t || x.name === t || x.name.replace(/(区|县|市)$/, '') === t);
  return d?.code ?? null;
}

const RATING_ALIASES: Record<string, EnvCreditRating> = {
  绿牌: EnvCreditRating.GREEN,
  环保诚信: EnvCreditRating.GREEN,
  蓝牌: EnvCreditRating.BLUE,
  环保良好: EnvCreditRating.BLUE,
  黄牌: EnvCreditRating.YELLOW,
  环保警示: EnvCreditRating.YELLOW,
  红牌: EnvCreditRating.RED,
  环保严重失信: EnvCreditRating.RED,
};

export function parseEnterpriseRow(raw: RawRow): Result<EnterpriseRecord> {
  const c = new RowChecker(ImportSheet.ENTERPRISES, raw, ENTERPRISE_COLUMNS);
  const creditCode = c.text('creditCode', { required: true })?.toUpperCase() ?? null;
  if (creditCode) {
    const p = creditCodeProblem(creditCode);
    if (p) c.fail('creditCode', CREDIT_CODE_PROBLEM_MESSAGES[p]);
  }
  const name = c.text('name', { required: true, min: 2, max: 200 });
  const divText = c.text('division', { required: true });
  const divisionCode = divText ? divisionOf(divText) : null;
  if (divText && !divisionCode) c.fail('division', '不是湛江市的县（市、区）或园区');
  const industrySection = c.text('industrySection')?.toUpperCase() ?? null;
  if (industrySection && !/^[A-T]$/.test(industrySection)) c.fail('industrySection', '行业门类应为A至T的字母');
  const industryDivision = c.text('industryDivision');
  if (industryDivision && (!industrySection || !industryDivisionMatches(industrySection, industryDivision.padStart(2, '0')))) {
    c.fail('industryDivision', `行业大类 ${industryDivision} 不属于门类 ${industrySection ?? '（未填）'}`);
  }
  const size = c.choice('size', ENTERPRISE_SIZE_LABELS, { aliases: { 大: EnterpriseSize.LARGE, 中: EnterpriseSize.MEDIUM, 小: EnterpriseSize.SMALL, 微: EnterpriseSize.MICRO } });
  const registeredCapital = c.decimal('registeredCapital', { min: 0, max: MAX_AMOUNT_WAN, what: '万元' });
  const contactName = c.text('contactName', { max: 50 });
  const contactPhone = c.text('contactPhone');
  if (contactPhone && !/^[0-9+\-() ]{7,20}$/.test(contactPhone)) c.fail('contactPhone', '联系电话格式不正确');
  const contactEmail = c.text('contactEmail')?.toLowerCase() ?? null;
  if (contactEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail)) c.fail('contactEmail', '电子邮箱格式不正确');
  const ratingText = c.text('envCreditRating');
  let envCreditRating: EnvCreditRating | null = null;
  if (ratingText) {
    envCreditRating = RATING_ALIASES[ratingText] ?? (Object.values(EnvCreditRating).includes(ratingText.toUpperCase() as EnvCreditRating) ? (ratingText.toUpperCase() as EnvCreditRating) : null);
    if (!envCreditRating) c.fail('envCreditRating', '应为：绿牌、蓝牌、黄牌、红牌');
  }
  const carbonEmissionsT = c.decimal('carbonEmissionsT', { min: 0, max: 1e11 });
  const carbonIntensity = c.decimal('carbonIntensity', { min: 0, max: 1e9, scale: 4 });
  const carbonYear = c.integer('carbonYear', { min: 2000, max: 2100 });
  const disc = c.text('envDisclosure');
  let envDisclosure: boolean | null = null;
  if (disc) {
    if (['是', 'Y', 'YES', 'TRUE', '1'].includes(disc.toUpperCase())) envDisclosure = true;
    else if (['否', 'N', 'NO', 'FALSE', '0'].includes(disc.toUpperCase())) envDisclosure = false;
    else c.fail('envDisclosure', '应填“是”或“否”');
  }
  if (c.errors.length) return { record: null, errors: c.errors };
  return {
    record: {
      row: raw.row,
      creditCode: creditCode!,
      name: name!,
      divisionCode: divisionCode!,
      industrySection,
      industryDivision: industryDivision ? industryDivision.padStart(2, '0') : null,
      size,
      registeredCapital,
      contactName,
      contactPhone,
      contactEmail,
      envCreditRating,
      carbonEmissionsT,
      carbonIntensity,
      carbonYear,
      envDisclosure,
    },
    errors: [],
  };
}

/** `knownCategories`: third-level codes of the catalogue version imports use. */
export function parseProjectRow(raw: RawRow, knownCategories: ReadonlySet<string>): Result<ProjectRecord> {
  const c = new RowChecker(ImportSheet.PROJECTS, raw, PROJECT_COLUMNS);
  const creditCode = c.text('creditCode', { required: true })?.toUpperCase() ?? null;
  if (creditCode) {
    const p = creditCodeProblem(creditCode);
    if (p) c.fail('creditCode', CREDIT_CODE_PROBLEM_MESSAGES[p]);
  }
  const name = c.text('name', { required: true, min: 2, max: 200 });
  const divText = c.text('division');
  const divisionCode = divText ? divisionOf(divText) : null;
  if (divText && !divisionCode) c.fail('division', '不是湛江市的县（市、区）或园区');
  const location = c.text('location', { max: 200 });
  const catText = c.text('categories', { required: true });
  const categories = catText ? [...new Set(catText.split(SPLIT).filter(Boolean))] : [];
  if (catText) {
    const unknown = categories.filter((x) => !knownCategories.has(x));
    if (unknown.length) c.fail('categories', `分类代码 ${unknown.join('、')} 不是《绿色产业指导目录（2019年版）》的三级分类`);
    else if (categories.length > 5) c.fail('categories', '分类最多5个');
  }
  const stage = c.choice('stage', PROJECT_STAGE_LABELS, { required: true, aliases: { 已建成: ProjectStage.OPERATING, 运营: ProjectStage.OPERATING, 建设中: ProjectStage.UNDER_CONSTRUCTION, 规划: ProjectStage.PLANNED } });
  const totalInvestment = c.decimal('totalInvestment', { required: true, min: 0, minExclusive: true, max: MAX_AMOUNT_WAN, what: '万元' });
  const constructionStart = c.date('constructionStart');
  const constructionEnd = c.date('constructionEnd');
  if (constructionStart && constructionEnd && constructionEnd < constructionStart) c.fail('constructionEnd', '结束日期不能早于开始日期');
  const co2AvoidedT = c.decimal('co2AvoidedT', { min: 0, max: 1e11 });
  const coalSavedTce = c.decimal('coalSavedTce', { min: 0, max: 1e11 });
  const waterSavedT = c.decimal('waterSavedT', { min: 0, max: 1e11 });
  const tagText = c.text('tags');
  const tags = tagText ? [...new Set(tagText.split(SPLIT).filter(Boolean))] : [];
  if (tags.length > MAX_PROJECT_TAGS) c.fail('tags', `标签最多${MAX_PROJECT_TAGS}个`);
  else if (tags.some((t) => [...t].length > MAX_TAG_LENGTH)) c.fail('tags', `每个标签不超过${MAX_TAG_LENGTH}字`);
  const greenBuildingStars = c.integer('greenBuildingStars', { min: 1, max: 3 });
  if (greenBuildingStars !== null && !categories.some((x) => x.startsWith('5.1.'))) c.fail('greenBuildingStars', '仅建筑节能与绿色建筑类（5.1）项目填写绿色建筑星级');
  const description = c.text('description', { max: 5000 });
  if (c.errors.length) return { record: null, errors: c.errors };
  return {
    record: {
      row: raw.row,
      creditCode: creditCode!,
      name: name!,
      divisionCode,
      location,
      categories,
      stage: stage!,
      totalInvestment: totalInvestment!,
      constructionStart,
      constructionEnd,
      co2AvoidedT,
      coalSavedTce,
      waterSavedT,
      tags,
      greenBuildingStars,
      description,
    },
    errors: [],
  };
}

export function parseNeedRow(raw: RawRow, today: string): Result<NeedRecord> {
  const c = new RowChecker(ImportSheet.NEEDS, raw, NEED_COLUMNS);
  const creditCode = c.text('creditCode', { required: true })?.toUpperCase() ?? null;
  if (creditCode) {
    const p = creditCodeProblem(creditCode);
    if (p) c.fail('creditCode', CREDIT_CODE_PROBLEM_MESSAGES[p]);
  }
  const projectName = c.text('projectName', { max: 200 });
  const amount = c.decimal('amount', { required: true, min: 0, minExclusive: true, max: MAX_AMOUNT_WAN, what: '万元' });
  const termMonths = c.integer('termMonths', { required: true, min: 1, max: MAX_TERM_MONTHS });
  const instrument = c.choice('instrument', FINANCING_INSTRUMENT_LABELS, { required: true, aliases: { 租赁: FinancingInstrument.LEASE, 股权: FinancingInstrument.EQUITY, 供应链: FinancingInstrument.SUPPLY_CHAIN } });
  const purpose = c.text('purpose', { required: true, min: 2, max: 500 });
  const colText = c.text('collateral', { required: true });
  const collateral: CollateralKind[] = [];
  if (colText) {
    const labels = Object.entries(COLLATERAL_KIND_LABELS) as [CollateralKind, string][];
    for (const part of colText.split(SPLIT).filter(Boolean)) {
      const hit =
        part === '无' || part === '信用'
          ? CollateralKind.NONE
          : labels.find(([code, label]) => part === label || part.toUpperCase() === code || label.startsWith(part) || label.includes(part))?.[0];
      if (!hit) {
        c.fail('collateral', `无法识别的担保方式“${part}”，可填：${labels.map(([, l]) => l).join('、')}`);
        break;
      }
      if (!collateral.includes(hit)) collateral.push(hit);
    }
    if (collateral.includes(CollateralKind.NONE) && collateral.length > 1) c.fail('collateral', '填“无”时不能再填其他担保方式');
  }
  const maxRatePercent = c.decimal('maxRatePercent', { min: 0, max: MAX_RATE_PERCENT, what: '%' });
  const wantedBy = c.date('wantedBy');
  if (wantedBy && wantedBy < today) c.fail('wantedBy', '希望到位日期不能早于今天');
  const sharingText = c.text('sharing');
  let sharing = NeedSharing.NOT_SHARED;
  if (sharingText) {
    if (/全部|所有|ALL_BANKS/i.test(sharingText)) sharing = NeedSharing.ALL_BANKS;
    else if (/暂不|不共享|NOT_SHARED/i.test(sharingText)) sharing = NeedSharing.NOT_SHARED;
    else c.fail('sharing', '应为“向全部金融机构共享”或“暂不共享”（指定机构请在平台上设置）');
  }
  if (c.errors.length) return { record: null, errors: c.errors };
  return {
    record: { row: raw.row, creditCode: creditCode!, projectName, amount: amount!, termMonths: termMonths!, instrument: instrument!, purpose: purpose!, collateral, maxRatePercent, wantedBy, sharing },
    errors: [],
  };
}

/** Neutralises a text cell for export: a leading = + - @ tab or CR would make it a formula in a spreadsheet. */
export function neutraliseCell(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
