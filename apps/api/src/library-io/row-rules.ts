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
import { fromScaled, toScaled } from '@zj/shared';
import { Catalogues, LEGACY_VERSION } from './catalogue';
import { narrow, shiftDecimalPoint, trimCell } from './cell-text';
import { ColumnDef, ENTERPRISE_COLUMNS, NEED_COLUMNS, PROJECT_COLUMNS } from './columns';
import type { MoneyUnit, SheetLayout } from './sheet-layout';

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
  /** The catalogue version the categories are codes of. */
  taxonomyVersion: string;
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

/** How the row's sheet is laid out in the file (its name, headers as written, units): errors name what the person sees. */
export interface RowContext {
  layout?: SheetLayout;
}

const MONEY_SUFFIX = /(万元|亿元|元|万|亿)$/;
const MONEY_SUFFIX_UNIT: Record<string, MoneyUnit> = { 万元: '万元', 万: '万元', 元: '元', 亿元: '亿元', 亿: '亿元' };
const NO_SPACES = /[\s\u00a0\u3000\u200b-\u200d\ufeff]+/g;

/** A cell's text with narrow forms and no spaces at all (numbers, codes, dates, choices). */
export const squashCell = (v: string) => narrow(v).replace(NO_SPACES, '');

class RowChecker {
  readonly errors: ImportRowError[] = [];
  constructor(
    private readonly sheet: ImportSheet,
    private readonly raw: RawRow,
    private readonly columns: ColumnDef[],
    private readonly layout?: SheetLayout,
  ) {
    for (const key of raw.formulas) this.fail(key, '单元格含有公式，请改为直接填写数值或文字');
  }

  /** The column's header as the file writes it (the template's header when the file has no layout). */
  header(key: string) {
    return this.layout?.headers[key] ?? this.columns.find((c) => c.key === key)?.header ?? key;
  }

  fail(key: string, message: string) {
    // one message per cell is enough
    const column = this.header(key);
    if (this.errors.some((e) => e.column === column)) return;
    this.errors.push({ sheet: this.layout?.sheet ?? this.sheet, row: this.raw.row, column, value: this.raw.cells[key] ?? null, message });
  }

  text(key: string, opts: { required?: boolean; max?: number; min?: number } = {}): string | null {
    if (this.raw.formulas.includes(key)) return null;
    const v = trimCell(this.raw.cells[key] ?? '');
    if (!v) {
      if (opts.required) this.fail(key, '必填');
      return null;
    }
    if (opts.max && [...v].length > opts.max) this.fail(key, `不超过${opts.max}字`);
    if (opts.min && [...v].length < opts.min) this.fail(key, `至少${opts.min}字`);
    return v;
  }

  /** A code, number or choice: full-width forms narrowed (１２３ → 123), spaces of any width removed. */
  squashed(key: string, opts: { required?: boolean } = {}): string | null {
    const v = this.text(key, opts);
    return v === null ? null : squashCell(v) || null;
  }

  /**
   * A decimal string with at most `scale` places, within bounds. Grouping commas, full-width digits and
   * spaces are accepted. A `money` column is in 万元: a value in 元 or 亿元 (as the column's header or a
   * title row says, or written after the number: '3500万', '35000000元') is converted exactly (the
   * shared decimal module, no floats), and refused if it does not come to whole 0.01 万元.
   */
  decimal(key: string, opts: { required?: boolean; min?: number; minExclusive?: boolean; max: number; scale?: number; what?: string; money?: boolean; percent?: boolean }): string | null {
    const v = this.text(key, { required: opts.required });
    if (v === null) return null;
    let s = squashCell(v).replace(/,/g, '').replace(/^[¥$]/, '');
    const scale = opts.scale ?? 2;
    let unit: MoneyUnit = '万元';
    if (opts.money) {
      const suffix = MONEY_SUFFIX.exec(s);
      if (suffix) s = s.slice(0, -suffix[1].length);
      unit = suffix ? MONEY_SUFFIX_UNIT[suffix[1]] : (this.layout?.units[key] ?? '万元');
    }
    if (opts.percent) s = s.replace(/%$/, '');
    if (!/^-?\d+(\.\d+)?$/.test(s)) {
      this.fail(key, opts.money ? `应为数字（以${unit}为单位，如 1234.56）` : '应为数字（如 1234.56）');
      return null;
    }
    if (unit === '元') {
      if ((s.split('.')[1] ?? '').length > 2) {
        this.fail(key, '以元为单位最多2位小数');
        return null;
      }
      // 元 → 万元: exact when the amount is whole hundreds of 元 (0.01 万元), which numeric(14,2) stores.
      const yuan = toScaled(s);
      if (yuan % 1_000_000n !== 0n) {
        this.fail(key, `按元填写的金额换算为 ${shiftDecimalPoint(s, -4)} 万元，超过${scale}位小数：平台以万元记录、保留${scale}位小数，请填到百元（或改为以万元填写）`);
        return null;
      }
      s = fromScaled(yuan / 10_000n, scale);
    } else if (unit === '亿元') {
      s = shiftDecimalPoint(s, 4);
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
      this.fail(key, `数值过大（不超过${opts.max}${opts.what ?? ''}），请检查单位${opts.money && unit !== '万元' ? `（按${unit}填写，换算为 ${s} 万元）` : '是否为万元'}`);
      return null;
    }
    const [int, frac = ''] = s.replace(/^-/, '').split('.');
    if (frac.replace(/0+$/, '').length > scale) {
      this.fail(key, unit === '亿元' ? `按亿元填写的金额换算为 ${s} 万元，超过${scale}位小数` : `最多${scale}位小数`);
      return null;
    }
    return `${s.startsWith('-') ? '-' : ''}${BigInt(int).toString()}${scale ? `.${frac.padEnd(scale, '0').slice(0, scale)}` : ''}`;
  }

  integer(key: string, opts: { required?: boolean; min: number; max: number; unit?: RegExp }): number | null {
    const raw = this.squashed(key, { required: opts.required });
    if (raw === null) return null;
    const v = opts.unit ? raw.replace(opts.unit, '') : raw;
    if (!/^\d+(\.0+)?$/.test(v)) {
      this.fail(key, `应为整数（${opts.min}至${opts.max}）`);
      return null;
    }
    const n = Number(v);
    if (n < opts.min || n > opts.max) {
      this.fail(key, `应在${opts.min}至${opts.max}之间`);
      return null;
    }
    return n;
  }

  /** A calendar date: 2026-05-01, 2026/5/1, 2026.5.1, 2026年5月1日, 20260501 (a date cell is read as YYYY-MM-DD). */
  date(key: string): string | null {
    const v = this.text(key);
    if (v === null) return null;
    const t = narrow(v).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
    if (!m) {
      this.fail(key, '日期格式应为 YYYY-MM-DD（如 2026-05-01），也可写 2026/5/1 或 2026年5月1日');
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
    const v = this.squashed(key, { required: opts.required });
    if (v === null) return null;
    const alias = opts.aliases?.[v];
    if (alias) return alias;
    const found = (Object.entries(labels) as [T, string][]).find(([code, label]) => v === label || v.toUpperCase() === code || label.startsWith(v));
    if (!found) {
      this.fail(key, `应为：${Object.values(labels).join('、')}`);
      return null;
    }
    return found[0];
  }
}

const SPLIT = /[、，,；;/\s]+/;

/** A county-level division or zone by name or code ('麻章区', '麻章', '湛江市麻章区', '440811'). */
export function divisionOf(v: string): string | null {
  const t = squashCell(v).replace(/^(?:广东省)?湛江市(?=.)/, '');
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

function creditCodeOf(c: RowChecker): string | null {
  const creditCode = c.squashed('creditCode', { required: true })?.toUpperCase() ?? null;
  if (creditCode) {
    const p = creditCodeProblem(creditCode);
    if (p) c.fail('creditCode', CREDIT_CODE_PROBLEM_MESSAGES[p]);
  }
  return creditCode;
}

export function parseEnterpriseRow(raw: RawRow, ctx: RowContext = {}): Result<EnterpriseRecord> {
  const c = new RowChecker(ImportSheet.ENTERPRISES, raw, ENTERPRISE_COLUMNS, ctx.layout);
  const creditCode = creditCodeOf(c);
  const name = c.text('name', { required: true, min: 2, max: 200 });
  const divText = c.text('division', { required: true });
  const divisionCode = divText ? divisionOf(divText) : null;
  if (divText && !divisionCode) c.fail('division', '不是湛江市的县（市、区）或园区');
  const industrySection = c.squashed('industrySection')?.toUpperCase() ?? null;
  if (industrySection && !/^[A-T]$/.test(industrySection)) c.fail('industrySection', '行业门类应为A至T的字母');
  const industryDivision = c.squashed('industryDivision');
  if (industryDivision && (!industrySection || !industryDivisionMatches(industrySection, industryDivision.padStart(2, '0')))) {
    c.fail('industryDivision', `行业大类 ${industryDivision} 不属于门类 ${industrySection ?? '（未填）'}`);
  }
  const size = c.choice('size', ENTERPRISE_SIZE_LABELS, { aliases: { 大: EnterpriseSize.LARGE, 中: EnterpriseSize.MEDIUM, 小: EnterpriseSize.SMALL, 微: EnterpriseSize.MICRO } });
  const registeredCapital = c.decimal('registeredCapital', { min: 0, max: MAX_AMOUNT_WAN, what: '万元', money: true });
  const contactName = c.text('contactName', { max: 50 });
  const phoneText = c.text('contactPhone');
  const contactPhone = phoneText ? narrow(phoneText).trim() : null;
  if (contactPhone && !/^[0-9+\-() ]{7,20}$/.test(contactPhone)) c.fail('contactPhone', '联系电话格式不正确（如 0759-1234567 或 13800000000）');
  const contactEmail = c.squashed('contactEmail')?.toLowerCase() ?? null;
  if (contactEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail)) c.fail('contactEmail', '电子邮箱格式不正确（如 name@example.com）');
  const ratingText = c.squashed('envCreditRating');
  let envCreditRating: EnvCreditRating | null = null;
  if (ratingText) {
    envCreditRating = RATING_ALIASES[ratingText] ?? (Object.values(EnvCreditRating).includes(ratingText.toUpperCase() as EnvCreditRating) ? (ratingText.toUpperCase() as EnvCreditRating) : null);
    if (!envCreditRating) c.fail('envCreditRating', '应为：绿牌、蓝牌、黄牌、红牌');
  }
  const carbonEmissionsT = c.decimal('carbonEmissionsT', { min: 0, max: 1e11 });
  const carbonIntensity = c.decimal('carbonIntensity', { min: 0, max: 1e9, scale: 4 });
  const carbonYear = c.integer('carbonYear', { min: 2000, max: 2100, unit: /年$/ });
  const disc = c.squashed('envDisclosure');
  let envDisclosure: boolean | null = null;
  if (disc) {
    if (['是', 'Y', 'YES', 'TRUE', '1', '已披露'].includes(disc.toUpperCase())) envDisclosure = true;
    else if (['否', 'N', 'NO', 'FALSE', '0', '未披露'].includes(disc.toUpperCase())) envDisclosure = false;
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

/** The name of the 2019 catalogue, for rules given bare codes (unit tests, legacy callers). */
const LEGACY_NAME = '绿色产业指导目录（2019年版）';

/**
 * The catalogues a project row's codes are checked against, and the version of rows that name none
 * (`sheetVersion`: the version the category header or a title row names, else the catalogues' fallback).
 */
export interface ProjectCategoryRules {
  catalogues: Catalogues;
  sheetVersion?: string;
}

/**
 * `categories`: the loaded catalogues (or, as before catalogue versions could be named, the
 * third-level codes of the 2019 catalogue). A row names its version in the 分类标准 column; else the
 * sheet's version applies. Codes are checked against that version; a code of another loaded version
 * is an error naming both.
 */
export function parseProjectRow(raw: RawRow, categories: ReadonlySet<string> | ProjectCategoryRules, ctx: RowContext = {}): Result<ProjectRecord> {
  const rules: ProjectCategoryRules =
    categories instanceof Set ? { catalogues: new Catalogues([{ version: LEGACY_VERSION, name: LEGACY_NAME, effectiveFrom: null, codes: categories }], LEGACY_VERSION) } : (categories as ProjectCategoryRules);
  const c = new RowChecker(ImportSheet.PROJECTS, raw, PROJECT_COLUMNS, ctx.layout);
  const creditCode = creditCodeOf(c);
  const name = c.text('name', { required: true, min: 2, max: 200 });
  const divText = c.text('division');
  const divisionCode = divText ? divisionOf(divText) : null;
  if (divText && !divisionCode) c.fail('division', '不是湛江市的县（市、区）或园区');
  const location = c.text('location', { max: 200 });
  const versionText = c.text('taxonomyVersion');
  let taxonomyVersion: string | null = rules.sheetVersion ?? rules.catalogues.fallback;
  if (versionText) {
    const r = rules.catalogues.resolve(versionText);
    if ('problem' in r) {
      c.fail('taxonomyVersion', r.problem);
      taxonomyVersion = null;
    } else taxonomyVersion = r.version;
  }
  const catText = c.text('categories', { required: true });
  const categoryCodes = catText ? [...new Set(narrow(catText).split(SPLIT).filter(Boolean))] : [];
  if (catText && taxonomyVersion) {
    const catalogue = rules.catalogues.get(taxonomyVersion);
    const unknown = categoryCodes.filter((x) => !catalogue?.codes.has(x));
    if (unknown.length) {
      const upper = unknown.filter((x) => catalogue?.upperCodes?.has(x));
      const elsewhere = rules.catalogues.holding(unknown, taxonomyVersion);
      const here = rules.catalogues.label(taxonomyVersion);
      if (upper.length) c.fail('categories', `${upper.join('、')} 是${here}的一级或二级分类，请填写三级分类代码（如 ${upper[0]}.1）`);
      else if (elsewhere.length) {
        const other = elsewhere[0].version;
        c.fail('categories', `分类代码 ${unknown.join('、')} 不是${here}的三级分类，而是${rules.catalogues.label(other)}的代码：请改用 ${taxonomyVersion} 的代码，或在“${c.header('taxonomyVersion')}”列填写 ${other}`);
      } else c.fail('categories', `分类代码 ${unknown.join('、')} 不是${here}的三级分类，可在平台“参考数据”中查询`);
    } else if (categoryCodes.length > 5) c.fail('categories', '分类最多5个');
  }
  const stage = c.choice('stage', PROJECT_STAGE_LABELS, { required: true, aliases: { 已建成: ProjectStage.OPERATING, 运营: ProjectStage.OPERATING, 运营中: ProjectStage.OPERATING, 已投产: ProjectStage.OPERATING, 建设中: ProjectStage.UNDER_CONSTRUCTION, 规划: ProjectStage.PLANNED, 规划中: ProjectStage.PLANNED, 前期: ProjectStage.PLANNED } });
  const totalInvestment = c.decimal('totalInvestment', { required: true, min: 0, minExclusive: true, max: MAX_AMOUNT_WAN, what: '万元', money: true });
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
  const greenBuildingStars = c.integer('greenBuildingStars', { min: 1, max: 3, unit: /星级?$/ });
  if (greenBuildingStars !== null && !categoryCodes.some((x) => x.startsWith('5.1.'))) c.fail('greenBuildingStars', '仅建筑节能与绿色建筑类（5.1）项目填写绿色建筑星级');
  const description = c.text('description', { max: 5000 });
  if (c.errors.length) return { record: null, errors: c.errors };
  return {
    record: {
      row: raw.row,
      creditCode: creditCode!,
      name: name!,
      divisionCode,
      location,
      taxonomyVersion: taxonomyVersion!,
      categories: categoryCodes,
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

export function parseNeedRow(raw: RawRow, today: string, ctx: RowContext = {}): Result<NeedRecord> {
  const c = new RowChecker(ImportSheet.NEEDS, raw, NEED_COLUMNS, ctx.layout);
  const creditCode = creditCodeOf(c);
  const projectName = c.text('projectName', { max: 200 });
  const amount = c.decimal('amount', { required: true, min: 0, minExclusive: true, max: MAX_AMOUNT_WAN, what: '万元', money: true });
  const termMonths = c.integer('termMonths', { required: true, min: 1, max: MAX_TERM_MONTHS, unit: /(个月|月)$/ });
  const instrument = c.choice('instrument', FINANCING_INSTRUMENT_LABELS, { required: true, aliases: { 租赁: FinancingInstrument.LEASE, 股权: FinancingInstrument.EQUITY, 供应链: FinancingInstrument.SUPPLY_CHAIN, 银行贷款: FinancingInstrument.LOAN } });
  const purpose = c.text('purpose', { required: true, min: 2, max: 500 });
  const colText = c.text('collateral', { required: true });
  const collateral: CollateralKind[] = [];
  if (colText) {
    const labels = Object.entries(COLLATERAL_KIND_LABELS) as [CollateralKind, string][];
    for (const part of narrow(colText).split(SPLIT).filter(Boolean)) {
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
  const maxRatePercent = c.decimal('maxRatePercent', { min: 0, max: MAX_RATE_PERCENT, what: '%', percent: true });
  const wantedBy = c.date('wantedBy');
  if (wantedBy && wantedBy < today) c.fail('wantedBy', `希望到位日期不能早于今天（${today}）`);
  const sharingText = c.squashed('sharing');
  let sharing = NeedSharing.NOT_SHARED;
  if (sharingText) {
    if (/全部|所有|ALL_BANKS|^是$/i.test(sharingText)) sharing = NeedSharing.ALL_BANKS;
    else if (/暂不|不共享|NOT_SHARED|^否$/i.test(sharingText)) sharing = NeedSharing.NOT_SHARED;
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
