import { ImportSheet } from '@zj/shared';

/**
 * The import template's columns, sheet by sheet. Headers are Chinese, as users see them; a trailing
 * '*' marks a required column (the header is matched with or without it). Export writes the same
 * columns (so an export can be corrected and re-imported), followed by read-only status columns.
 */
export interface ColumnDef {
  key: string;
  header: string;
  required?: boolean;
  width?: number;
  note?: string;
}

export const ENTERPRISE_COLUMNS: ColumnDef[] = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 24, note: '18位，含校验位' },
  { key: 'name', header: '企业名称', required: true, width: 36 },
  { key: 'division', header: '所在县（市、区）', required: true, width: 20, note: '如 麻章区、湛江经济技术开发区' },
  { key: 'industrySection', header: '行业门类', width: 10, note: 'A–T' },
  { key: 'industryDivision', header: '行业大类', width: 10, note: '两位数字，如 44' },
  { key: 'size', header: '企业规模', width: 10, note: '大型/中型/小型/微型' },
  { key: 'registeredCapital', header: '注册资本（万元）', width: 16 },
  { key: 'contactName', header: '联系人', width: 12 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
  { key: 'contactEmail', header: '电子邮箱', width: 24 },
  { key: 'envCreditRating', header: '环境信用评价', width: 14, note: '绿牌/蓝牌/黄牌/红牌' },
  { key: 'carbonEmissionsT', header: '年碳排放量（吨二氧化碳当量）', width: 18 },
  { key: 'carbonIntensity', header: '碳排放强度', width: 12 },
  { key: 'carbonYear', header: '碳数据年份', width: 12 },
  { key: 'envDisclosure', header: '是否披露环境信息', width: 14, note: '是/否' },
];

export const PROJECT_COLUMNS: ColumnDef[] = [
  { key: 'creditCode', header: '企业统一社会信用代码', required: true, width: 24 },
  { key: 'name', header: '项目名称', required: true, width: 40 },
  { key: 'division', header: '项目所在县（市、区）', width: 20, note: '不填为企业所在地' },
  { key: 'location', header: '项目地点', width: 30 },
  { key: 'categories', header: '绿色产业分类代码', required: true, width: 18, note: '三级代码，如 5.2.2；多个用“；”分隔，第一个为主分类' },
  { key: 'stage', header: '项目阶段', required: true, width: 10, note: '拟建/在建/已投运' },
  { key: 'totalInvestment', header: '总投资（万元）', required: true, width: 16 },
  { key: 'constructionStart', header: '建设开始日期', width: 14 },
  { key: 'constructionEnd', header: '建设结束日期', width: 14 },
  { key: 'co2AvoidedT', header: '年减排二氧化碳（吨）', width: 16 },
  { key: 'coalSavedTce', header: '年节约标准煤（吨）', width: 16 },
  { key: 'waterSavedT', header: '年节水（吨）', width: 14 },
  { key: 'tags', header: '标签', width: 20, note: '多个用“、”分隔' },
  { key: 'greenBuildingStars', header: '绿色建筑星级', width: 12, note: '1/2/3（建筑类项目）' },
  { key: 'description', header: '项目简介', width: 50 },
];

export const NEED_COLUMNS: ColumnDef[] = [
  { key: 'creditCode', header: '企业统一社会信用代码', required: true, width: 24 },
  { key: 'projectName', header: '项目名称', width: 40, note: '不填为企业整体融资需求' },
  { key: 'amount', header: '融资金额（万元）', required: true, width: 16 },
  { key: 'termMonths', header: '期限（月）', required: true, width: 10 },
  { key: 'instrument', header: '融资方式', required: true, width: 12, note: '贷款/债券/保险/融资租赁/股权融资/供应链金融' },
  { key: 'purpose', header: '资金用途', required: true, width: 40 },
  { key: 'collateral', header: '担保方式', required: true, width: 24, note: '多个用“、”分隔；无担保填“无”' },
  { key: 'maxRatePercent', header: '可接受最高年利率（%）', width: 16 },
  { key: 'wantedBy', header: '希望到位日期', width: 14 },
  { key: 'sharing', header: '共享范围', width: 18, note: '向全部金融机构共享/暂不共享（不填为暂不共享）' },
];

export const SHEETS: { sheet: ImportSheet; columns: ColumnDef[] }[] = [
  { sheet: ImportSheet.ENTERPRISES, columns: ENTERPRISE_COLUMNS },
  { sheet: ImportSheet.PROJECTS, columns: PROJECT_COLUMNS },
  { sheet: ImportSheet.NEEDS, columns: NEED_COLUMNS },
];

export function headerText(c: ColumnDef): string {
  return c.required ? `${c.header}*` : c.header;
}

/** Normalises a header cell: without '*', spaces and full-width/half-width parenthesis differences. */
export function normaliseHeader(h: string): string {
  return h.replace(/[*＊\s]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}
