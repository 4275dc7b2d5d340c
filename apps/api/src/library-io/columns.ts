import { ImportSheet } from '@zj/shared';

/**
 * The import template's columns, sheet by sheet. Headers are Chinese, as users see them; a trailing
 * '*' marks a required column (the header is matched with or without it). Export writes the same
 * columns (so an export can be corrected and re-imported), followed by read-only status columns.
 *
 * Spreadsheets made elsewhere name columns in their own words: `aliases` are the other headers a
 * column is recognised by (compared after width and space normalisation, see sheet-layout.ts).
 * `unit` is the unit the template's header names in brackets (总投资（万元）); a header may leave it
 * out, and a money column (`money`) may name 元 or 亿元 instead: its values are converted to 万元.
 */
export interface ColumnDef {
  key: string;
  header: string;
  required?: boolean;
  width?: number;
  note?: string;
  aliases?: string[];
  /** The unit in the template's header (without brackets). */
  unit?: string;
  /** Other ways of writing the same unit. */
  unitAliases?: string[];
  /** An amount in 万元: the header may name 元 or 亿元 instead. */
  money?: boolean;
  /** The green-industry category codes: the header's bracket may name the catalogue version. */
  versioned?: boolean;
}

const CREDIT_CODE = ['统一社会信用代码', '企业统一社会信用代码', '社会信用代码', '信用代码', '企业信用代码', '统一信用代码', '统一代码', '信用代码证号'];
const DIVISION = ['所在县（市、区）', '所在县(市、区)', '所在县区', '所在县市区', '所在区县', '所属县区', '所属县（市、区）', '所属区县', '县（市、区）', '县市区', '县区', '区县', '所在地区', '所在地', '行政区划'];

export const ENTERPRISE_COLUMNS: ColumnDef[] = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 24, note: '18位，含校验位', aliases: CREDIT_CODE },
  { key: 'name', header: '企业名称', required: true, width: 36, aliases: ['企业全称', '公司名称', '单位名称', '企业（单位）名称', '名称'] },
  { key: 'division', header: '所在县（市、区）', required: true, width: 20, note: '如 麻章区、湛江经济技术开发区', aliases: DIVISION },
  { key: 'industrySection', header: '行业门类', width: 10, note: 'A–T', aliases: ['国民经济行业门类', '所属行业门类', '行业门类代码'] },
  { key: 'industryDivision', header: '行业大类', width: 10, note: '两位数字，如 44', aliases: ['国民经济行业大类', '所属行业大类', '行业大类代码'] },
  { key: 'size', header: '企业规模', width: 10, note: '大型/中型/小型/微型', aliases: ['规模', '企业类型（规模）', '企业规模类型'] },
  { key: 'registeredCapital', header: '注册资本（万元）', width: 16, unit: '万元', money: true, aliases: ['注册资本', '注册资金'] },
  { key: 'contactName', header: '联系人', width: 12, aliases: ['联系人姓名', '企业联系人'] },
  { key: 'contactPhone', header: '联系电话', width: 16, aliases: ['电话', '联系人电话', '手机', '手机号码', '联系方式', '联系手机'] },
  { key: 'contactEmail', header: '电子邮箱', width: 24, aliases: ['邮箱', '电子邮件', '联系邮箱', 'email', 'e-mail'] },
  { key: 'envCreditRating', header: '环境信用评价', width: 14, note: '绿牌/蓝牌/黄牌/红牌', aliases: ['环境信用等级', '环境信用评价等级', '环保信用评价', '企业环境信用评价'] },
  { key: 'carbonEmissionsT', header: '年碳排放量（吨二氧化碳当量）', width: 18, unit: '吨二氧化碳当量', unitAliases: ['吨', 'tco2e', '吨co2e', '吨co2当量'], aliases: ['年碳排放量', '碳排放量'] },
  { key: 'carbonIntensity', header: '碳排放强度', width: 12, aliases: ['碳强度'] },
  { key: 'carbonYear', header: '碳数据年份', width: 12, aliases: ['碳排放数据年份', '碳排放年份', '数据年份'] },
  { key: 'envDisclosure', header: '是否披露环境信息', width: 14, note: '是/否', aliases: ['环境信息披露', '是否环境信息披露', '披露环境信息'] },
];

export const PROJECT_COLUMNS: ColumnDef[] = [
  { key: 'creditCode', header: '企业统一社会信用代码', required: true, width: 24, aliases: CREDIT_CODE },
  { key: 'name', header: '项目名称', required: true, width: 40, aliases: ['项目全称'] },
  { key: 'division', header: '项目所在县（市、区）', width: 20, note: '不填为企业所在地', aliases: ['项目所在县区', '项目所在地区', ...DIVISION] },
  { key: 'location', header: '项目地点', width: 30, aliases: ['建设地点', '项目地址', '项目建设地点', '详细地址'] },
  {
    key: 'categories',
    header: '绿色产业分类代码',
    required: true,
    width: 18,
    note: '三级代码，如 5.2.2；多个用“；”分隔，第一个为主分类',
    versioned: true,
    aliases: ['分类代码', '绿色产业分类', '产业分类代码', '绿色分类代码', '目录分类代码', '绿色产业指导目录代码', '所属绿色产业分类', '绿色产业目录代码'],
  },
  { key: 'stage', header: '项目阶段', required: true, width: 10, note: '拟建/在建/已投运', aliases: ['建设阶段', '项目建设阶段', '建设状态'] },
  { key: 'totalInvestment', header: '总投资（万元）', required: true, width: 16, unit: '万元', money: true, aliases: ['总投资', '项目总投资', '计划总投资', '总投资额'] },
  { key: 'constructionStart', header: '建设开始日期', width: 14, aliases: ['开工日期', '开工时间', '计划开工时间', '计划开工日期', '建设起始日期', '建设开始时间'] },
  { key: 'constructionEnd', header: '建设结束日期', width: 14, aliases: ['竣工日期', '竣工时间', '完工日期', '计划竣工时间', '计划竣工日期', '建设结束时间'] },
  { key: 'co2AvoidedT', header: '年减排二氧化碳（吨）', width: 16, unit: '吨', aliases: ['年减排二氧化碳', '年二氧化碳减排量', '年减排量', '年碳减排量', '碳减排量'] },
  { key: 'coalSavedTce', header: '年节约标准煤（吨）', width: 16, unit: '吨', unitAliases: ['吨标准煤', 'tce'], aliases: ['年节约标准煤', '年节约标煤', '年节能量'] },
  { key: 'waterSavedT', header: '年节水（吨）', width: 14, unit: '吨', aliases: ['年节水', '年节水量'] },
  { key: 'tags', header: '标签', width: 20, note: '多个用“、”分隔', aliases: ['项目标签'] },
  { key: 'greenBuildingStars', header: '绿色建筑星级', width: 12, note: '1/2/3（建筑类项目）', aliases: ['绿建星级'] },
  { key: 'description', header: '项目简介', width: 50, aliases: ['项目概况', '建设内容', '项目内容', '主要建设内容', '项目简介及建设内容'] },
  {
    key: 'taxonomyVersion',
    header: '分类标准',
    width: 16,
    note: '本行分类代码所依据的分类标准版本，不填为“绿色产业分类代码”表头括号中的版本',
    aliases: ['分类标准版本', '分类标准代码', '目录版本', '分类版本', '分类目录版本', '绿色产业分类标准'],
  },
];

export const NEED_COLUMNS: ColumnDef[] = [
  { key: 'creditCode', header: '企业统一社会信用代码', required: true, width: 24, aliases: CREDIT_CODE },
  { key: 'projectName', header: '项目名称', width: 40, note: '不填为企业整体融资需求', aliases: ['所属项目', '对应项目', '项目全称'] },
  { key: 'amount', header: '融资金额（万元）', required: true, width: 16, unit: '万元', money: true, aliases: ['融资金额', '融资需求金额', '需求金额', '拟融资金额', '融资额度', '融资需求'] },
  { key: 'termMonths', header: '期限（月）', required: true, width: 10, unit: '月', unitAliases: ['个月'], aliases: ['期限', '融资期限', '贷款期限'] },
  { key: 'instrument', header: '融资方式', required: true, width: 12, note: '贷款/债券/保险/融资租赁/股权融资/供应链金融', aliases: ['融资品种', '融资类型', '融资产品类型'] },
  { key: 'purpose', header: '资金用途', required: true, width: 40, aliases: ['融资用途', '用途', '资金使用用途'] },
  { key: 'collateral', header: '担保方式', required: true, width: 24, note: '多个用“、”分隔；无担保填“无”', aliases: ['增信方式', '担保措施', '抵质押方式', '抵押担保方式', '担保（增信）方式'] },
  { key: 'maxRatePercent', header: '可接受最高年利率（%）', width: 16, unit: '%', aliases: ['可接受最高年利率', '可接受利率', '可承受最高年利率', '最高年利率'] },
  { key: 'wantedBy', header: '希望到位日期', width: 14, aliases: ['期望到位日期', '期望到位时间', '希望到位时间', '资金需求时间', '需求时间'] },
  { key: 'sharing', header: '共享范围', width: 18, note: '向全部金融机构共享/暂不共享（不填为暂不共享）', aliases: ['是否共享', '共享'] },
];

/**
 * Headers read and set aside without a word: a row number, remarks, and the read-only columns an
 * export adds after the template's (an export can be corrected and re-imported).
 */
export const IGNORED_HEADERS: Record<ImportSheet, string[]> = {
  [ImportSheet.ENTERPRISES]: ['序号', '编号', '备注', '说明', '填报说明'],
  [ImportSheet.PROJECTS]: ['序号', '编号', '备注', '说明', '填报说明', '状态', '审核环节', '审核单位', '来源', '入库时间', '企业名称', '项目编号'],
  [ImportSheet.NEEDS]: ['序号', '编号', '备注', '说明', '填报说明', '状态', '企业名称'],
};

/** Other names a template sheet goes by (compared after normalisation, see sheet-layout.ts matchSheetName). */
export const SHEET_ALIASES: Record<ImportSheet, string[]> = {
  [ImportSheet.ENTERPRISES]: ['企业', '企业基本', '绿色企业', '企业名录', '企业名单'],
  [ImportSheet.PROJECTS]: ['项目', '项目基本', '绿色项目', '项目名录'],
  [ImportSheet.NEEDS]: ['融资需求', '需求', '资金需求', '融资', '项目融资需求', '企业融资需求', '绿色融资需求'],
};

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
