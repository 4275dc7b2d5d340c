import { InstitutionKind, withCreditCodeCheckChar } from '@zj/shared';

/**
 * Invented demo data. No enterprise or bank here exists: every name ends with '（演示）' so that no
 * real company ever appears to have asked for a loan. Amounts are in 万元; environmental benefits
 * per year. Category codes are third-level codes of 绿色产业指导目录（2019年版）.
 */
export type EnterpriseSize = 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO';
export type ProjectStage = 'PLANNED' | 'UNDER_CONSTRUCTION' | 'OPERATING';
export type FinancingInstrument = 'LOAN' | 'BOND' | 'INSURANCE' | 'LEASE' | 'EQUITY' | 'SUPPLY_CHAIN';
export type CollateralKind =
  | 'NONE'
  | 'REAL_ESTATE'
  | 'EQUIPMENT'
  | 'RECEIVABLES'
  | 'CARBON_CREDITS'
  | 'SUBSIDY_RIGHTS'
  | 'GUARANTEE'
  | 'EQUITY_PLEDGE'
  | 'OTHER';
export type ProjectTag = '红树林' | '蓝碳' | '碳汇' | '预制菜' | '重大基础设施' | '绿色建筑' | '海上风电' | '分布式光伏';

export interface DemoBank {
  name: string;
  institutionKind: InstitutionKind;
  branchName: string | null;
  hasGreenFinanceTeam: boolean;
  isLocalRuralCommercialBank: boolean;
  disclosesEnvironmentalInfo: boolean;
}

/** 国民经济行业分类 (GB/T 4754-2017): section letter and two-digit division. */
export interface IndustryClass {
  section: string;
  division: string;
  name: string;
}

export interface DemoEnterprise {
  name: string;
  creditCode: string;
  divisionCode: string;
  industry: IndustryClass;
  size: EnterpriseSize;
  /** 万元 */
  registeredCapital: string;
}

export interface DemoProject {
  enterpriseIndex: number;
  name: string;
  divisionCode: string;
  location: string;
  categoryCode: string;
  stage: ProjectStage;
  /** 万元 */
  totalInvestment: string;
  co2AvoidedTonsPerYear: string | null;
  coalSavedTcePerYear: string | null;
  waterSavedTonsPerYear: string | null;
  tags: ProjectTag[];
  greenBuildingStars: 1 | 2 | 3 | null;
}

export interface DemoNeed {
  projectIndex: number;
  /** 万元; for insurance, the sum insured. */
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  collateral: CollateralKind[];
  maxRatePercent: string | null;
}

export const DEMO_BANKS: DemoBank[] = [
  bank('南海绿色银行湛江分行（演示）', '湛江分行', { team: true, disclosure: true }),
  bank('港城发展银行湛江分行（演示）', '湛江分行', { team: true }),
  bank('蓝湾商业银行湛江分行（演示）', '湛江分行', { team: true, disclosure: true }),
  bank('粤西实业银行湛江分行（演示）', '湛江分行', {}),
  bank('红树湾农村商业银行（演示）', '总行营业部', { team: true, disclosure: true, ruralCommercial: true }),
  {
    name: '碧海财产保险湛江中心支公司（演示）',
    institutionKind: InstitutionKind.INSURER,
    branchName: '湛江中心支公司',
    hasGreenFinanceTeam: true,
    isLocalRuralCommercialBank: false,
    disclosesEnvironmentalInfo: false,
  },
];

const AGRICULTURE = { section: 'A', division: '01', name: '农业' };
const FISHERY = { section: 'A', division: '04', name: '渔业' };
const AGRI_FOOD_PROCESSING = { section: 'C', division: '13', name: '农副食品加工业' };
const FOOD = { section: 'C', division: '14', name: '食品制造业' };
const FOOTWEAR = { section: 'C', division: '19', name: '皮革、毛皮、羽毛及其制品和制鞋业' };
const ELECTRICAL = { section: 'C', division: '38', name: '电气机械和器材制造业' };
const WASTE_RESOURCES = { section: 'C', division: '42', name: '废弃资源综合利用业' };
const POWER = { section: 'D', division: '44', name: '电力、热力生产和供应业' };
const WATER = { section: 'D', division: '46', name: '水的生产和供应业' };
const ROAD_TRANSPORT = { section: 'G', division: '54', name: '道路运输业' };
const WATER_TRANSPORT = { section: 'G', division: '55', name: '水上运输业' };
const WAREHOUSING = { section: 'G', division: '59', name: '装卸搬运和仓储业' };
const REAL_ESTATE = { section: 'K', division: '70', name: '房地产业' };
const TECH_SERVICES = { section: 'M', division: '75', name: '科技推广和应用服务业' };
const ECOLOGY = { section: 'N', division: '77', name: '生态保护和环境治理业' };
const PUBLIC_FACILITIES = { section: 'N', division: '78', name: '公共设施管理业' };

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  enterprise(1, '雷州湾红树林生态修复有限公司（演示）', '440882', ECOLOGY, 'SMALL', '3000.00'),
  enterprise(2, '徐闻海峡新能源发展有限公司（演示）', '440825', POWER, 'LARGE', '120000.00'),
  enterprise(3, '湛江麻章临港光伏能源有限公司（演示）', '440811', POWER, 'SMALL', '2000.00'),
  enterprise(4, '湛江赤坎海滨绿色置业有限公司（演示）', '440802', REAL_ESTATE, 'LARGE', '50000.00'),
  enterprise(5, '湛江东海岛冷链物流有限公司（演示）', '440800Z01', WAREHOUSING, 'MEDIUM', '8000.00'),
  enterprise(6, '遂溪县禾香预制菜食品有限公司（演示）', '440823', FOOD, 'SMALL', '3000.00'),
  enterprise(7, '吴川市鉴江生态水产养殖有限公司（演示）', '440883', FISHERY, 'SMALL', '1500.00'),
  enterprise(8, '廉江市绿源生物质热电有限公司（演示）', '440881', POWER, 'MEDIUM', '30000.00'),
  enterprise(9, '湛江霞港码头运营有限公司（演示）', '440803', WATER_TRANSPORT, 'LARGE', '50000.00'),
  enterprise(10, '湛江坡头蓝湾海洋牧场有限公司（演示）', '440804', FISHERY, 'SMALL', '2000.00'),
  enterprise(11, '湛江奋勇环保新材料有限公司（演示）', '440800Z02', WASTE_RESOURCES, 'MEDIUM', '10000.00'),
  enterprise(12, '湛江南三岛滨海生态旅游开发有限公司（演示）', '440800Z03', PUBLIC_FACILITIES, 'SMALL', '5000.00'),
  enterprise(13, '徐闻县丰果绿色农业有限公司（演示）', '440825', AGRICULTURE, 'MICRO', '500.00'),
  enterprise(14, '湛江碧能节能服务有限公司（演示）', '440803', TECH_SERVICES, 'SMALL', '1000.00'),
  enterprise(15, '湛江城联新能源公交有限公司（演示）', '440802', ROAD_TRANSPORT, 'MEDIUM', '20000.00'),
  enterprise(16, '湛江东海岛冶金余能利用有限公司（演示）', '440800Z01', POWER, 'MEDIUM', '15000.00'),
  enterprise(17, '廉江市绿芯小家电制造有限公司（演示）', '440881', ELECTRICAL, 'MEDIUM', '6000.00'),
  enterprise(18, '遂溪县甜源糖业有限公司（演示）', '440823', AGRI_FOOD_PROCESSING, 'MEDIUM', '12000.00'),
  enterprise(19, '吴川市羽丰鞋业有限公司（演示）', '440883', FOOTWEAR, 'SMALL', '800.00'),
  enterprise(20, '湛江湾水务环境科技有限公司（演示）', '440811', WATER, 'MEDIUM', '10000.00'),
];

type ProjectFields = Pick<DemoProject, 'name' | 'location' | 'categoryCode' | 'stage' | 'totalInvestment'> &
  Partial<Pick<DemoProject, 'co2AvoidedTonsPerYear' | 'coalSavedTcePerYear' | 'waterSavedTonsPerYear' | 'tags' | 'greenBuildingStars'>>;

export const DEMO_PROJECTS: DemoProject[] = [
  // 0
  project(0, {
    name: '通明海沿岸红树林生态修复项目',
    location: '雷州市东里镇通明海沿岸',
    categoryCode: '4.3.2',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '8600.00',
    co2AvoidedTonsPerYear: '3600',
    tags: ['红树林', '蓝碳', '碳汇'],
  }),
  project(0, {
    name: '雷州湾退塘还林红树林营造及碳汇开发项目',
    location: '雷州市附城镇雷州湾沿岸',
    categoryCode: '4.3.2',
    stage: 'PLANNED',
    totalInvestment: '2400.00',
    co2AvoidedTonsPerYear: '1200',
    tags: ['红树林', '蓝碳', '碳汇'],
  }),
  project(1, {
    name: '徐闻东部海域海上风电项目（30万千瓦）',
    location: '徐闻县东部海域',
    categoryCode: '3.2.1',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '420000.00',
    co2AvoidedTonsPerYear: '513000',
    coalSavedTcePerYear: '270000',
    tags: ['海上风电', '重大基础设施'],
  }),
  project(1, {
    name: '徐闻风电场配套储能电站（5万千瓦/10万千瓦时）',
    location: '徐闻县角尾乡',
    categoryCode: '3.4.2',
    stage: 'PLANNED',
    totalInvestment: '18000.00',
  }),
  project(2, {
    name: '麻章临港产业园厂房屋顶分布式光伏项目（1.2万千瓦）',
    location: '湛江市麻章区临港产业园',
    categoryCode: '3.2.2',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '4800.00',
    co2AvoidedTonsPerYear: '7530',
    coalSavedTcePerYear: '3960',
    tags: ['分布式光伏'],
  }),
  // 5
  project(2, {
    name: '麻章临港产业园公共充电站',
    location: '湛江市麻章区临港产业园',
    categoryCode: '5.2.5',
    stage: 'PLANNED',
    totalInvestment: '1200.00',
    co2AvoidedTonsPerYear: '900',
  }),
  project(3, {
    name: '赤坎海滨片区二星级绿色住宅小区',
    location: '湛江市赤坎区海滨片区',
    categoryCode: '5.1.2',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '68000.00',
    co2AvoidedTonsPerYear: '1800',
    coalSavedTcePerYear: '700',
    waterSavedTonsPerYear: '42000',
    tags: ['绿色建筑'],
    greenBuildingStars: 2,
  }),
  project(3, {
    name: '赤坎金融商务区二星级绿色办公楼',
    location: '湛江市赤坎区中山二路片区',
    categoryCode: '5.1.2',
    stage: 'PLANNED',
    totalInvestment: '32000.00',
    co2AvoidedTonsPerYear: '950',
    coalSavedTcePerYear: '380',
    waterSavedTonsPerYear: '18000',
    tags: ['绿色建筑'],
    greenBuildingStars: 2,
  }),
  project(4, {
    name: '东海岛预制菜冷链物流中心（绿色仓储）',
    location: '湛江经济技术开发区东海岛',
    categoryCode: '5.1.6',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '26000.00',
    co2AvoidedTonsPerYear: '2100',
    coalSavedTcePerYear: '850',
    tags: ['预制菜'],
  }),
  project(4, {
    name: '东海岛冷库屋顶分布式光伏项目',
    location: '湛江经济技术开发区东海岛',
    categoryCode: '3.2.2',
    stage: 'PLANNED',
    totalInvestment: '1500.00',
    co2AvoidedTonsPerYear: '2350',
    coalSavedTcePerYear: '1240',
    tags: ['预制菜', '分布式光伏'],
  }),
  // 10
  project(5, {
    name: '遂溪预制菜中央厨房空气源热泵替代燃煤锅炉项目',
    location: '遂溪县岭北镇预制菜产业园',
    categoryCode: '3.2.10',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '2300.00',
    co2AvoidedTonsPerYear: '4100',
    coalSavedTcePerYear: '1500',
    tags: ['预制菜'],
  }),
  project(5, {
    name: '遂溪预制菜加工废水处理及中水回用项目',
    location: '遂溪县岭北镇预制菜产业园',
    categoryCode: '2.4.2',
    stage: 'PLANNED',
    totalInvestment: '1800.00',
    waterSavedTonsPerYear: '150000',
    tags: ['预制菜'],
  }),
  project(6, {
    name: '王村港对虾养殖尾水生态治理项目',
    location: '吴川市王村港镇',
    categoryCode: '1.6.9',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '3200.00',
    waterSavedTonsPerYear: '600000',
  }),
  project(6, {
    name: '吴川工厂化循环水对虾养殖基地',
    location: '吴川市黄坡镇',
    categoryCode: '4.1.9',
    stage: 'PLANNED',
    totalInvestment: '5600.00',
    waterSavedTonsPerYear: '900000',
  }),
  project(7, {
    name: '廉江农林生物质热电联产项目（3万千瓦）',
    location: '廉江市石城镇',
    categoryCode: '3.2.3',
    stage: 'OPERATING',
    totalInvestment: '36000.00',
    co2AvoidedTonsPerYear: '111000',
    coalSavedTcePerYear: '58500',
  }),
  // 15
  project(7, {
    name: '廉江桉树枝丫及甘蔗叶收储运体系建设项目',
    location: '廉江市良垌镇',
    categoryCode: '1.7.7',
    stage: 'PLANNED',
    totalInvestment: '2600.00',
    co2AvoidedTonsPerYear: '3000',
  }),
  project(8, {
    name: '霞山港区通用泊位岸电设施建设项目',
    location: '湛江市霞山区港区',
    categoryCode: '5.2.2',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '4500.00',
    co2AvoidedTonsPerYear: '3800',
    coalSavedTcePerYear: '1200',
    tags: ['重大基础设施'],
  }),
  project(8, {
    name: '霞山港区干散货堆场防风抑尘网工程',
    location: '湛江市霞山区港区',
    categoryCode: '1.6.4',
    stage: 'OPERATING',
    totalInvestment: '3800.00',
  }),
  project(9, {
    name: '乾塘海域海洋牧场人工鱼礁项目',
    location: '湛江市坡头区乾塘镇近岸海域',
    categoryCode: '4.3.3',
    stage: 'PLANNED',
    totalInvestment: '6500.00',
    co2AvoidedTonsPerYear: '800',
    tags: ['蓝碳', '碳汇'],
  }),
  project(10, {
    name: '冶炼渣综合利用生产绿色建材项目',
    location: '湛江奋勇高新技术产业开发区',
    categoryCode: '2.5.1',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '15000.00',
    co2AvoidedTonsPerYear: '26000',
    coalSavedTcePerYear: '9000',
  }),
  // 20
  project(11, {
    name: '南三岛滨海防护林生态步道及游憩设施',
    location: '南三岛滨海旅游示范区',
    categoryCode: '4.1.10',
    stage: 'PLANNED',
    totalInvestment: '4200.00',
    tags: ['碳汇'],
  }),
  project(11, {
    name: '南三岛滨海旅游区污水处理及再生利用设施',
    location: '南三岛滨海旅游示范区',
    categoryCode: '5.3.1',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '2800.00',
    waterSavedTonsPerYear: '360000',
  }),
  project(12, {
    name: '菠萝绿色食品标准化种植基地水肥一体化项目',
    location: '徐闻县曲界镇',
    categoryCode: '4.1.2',
    stage: 'OPERATING',
    totalInvestment: '1600.00',
    waterSavedTonsPerYear: '400000',
  }),
  project(13, {
    name: '霞山商业综合体中央空调合同能源管理改造',
    location: '湛江市霞山区人民大道南',
    categoryCode: '5.1.5',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '1350.00',
    co2AvoidedTonsPerYear: '2280',
    coalSavedTcePerYear: '1200',
  }),
  project(14, {
    name: '市区纯电动公交车更新项目（120辆）',
    location: '湛江市赤坎区、霞山区',
    categoryCode: '5.2.7',
    stage: 'PLANNED',
    totalInvestment: '12000.00',
    co2AvoidedTonsPerYear: '3000',
  }),
  // 25
  project(15, {
    name: '东海岛钢铁基地烧结余热发电项目（1.5万千瓦）',
    location: '湛江经济技术开发区东海岛',
    categoryCode: '1.5.3',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '22000.00',
    co2AvoidedTonsPerYear: '59900',
    coalSavedTcePerYear: '31500',
  }),
  project(16, {
    name: '高效节能小家电智能生产线技术改造',
    location: '廉江市城北工业园',
    categoryCode: '1.1.11',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '9800.00',
  }),
  project(17, {
    name: '糖厂蔗渣滤泥资源化生产有机肥项目',
    location: '遂溪县城月镇',
    categoryCode: '1.7.7',
    stage: 'PLANNED',
    totalInvestment: '4300.00',
    co2AvoidedTonsPerYear: '5200',
  }),
  project(18, {
    name: '制鞋胶粘工序挥发性有机物收集治理项目',
    location: '吴川市梅菉街道',
    categoryCode: '2.3.3',
    stage: 'OPERATING',
    totalInvestment: '680.00',
  }),
  project(19, {
    name: '麻章临港产业园污水集中处理厂提标改造',
    location: '湛江市麻章区临港产业园',
    categoryCode: '2.4.3',
    stage: 'UNDER_CONSTRUCTION',
    totalInvestment: '9600.00',
    waterSavedTonsPerYear: '1800000',
  }),
];

export const DEMO_NEEDS: DemoNeed[] = [
  need(0, '5000.00', 120, 'LOAN', '红树林种植、补植及五年管护（生态修复贷）', ['CARBON_CREDITS', 'GUARANTEE'], '3.60'),
  need(0, '2000.00', 12, 'INSURANCE', '为修复区红树林投保碳汇指数保险，保障台风、寒潮造成的碳汇损失', ['NONE'], null),
  need(1, '1500.00', 60, 'LOAN', '退塘还林及碳汇项目开发、核证费用（碳汇质押贷）', ['CARBON_CREDITS'], '3.80'),
  need(2, '200000.00', 180, 'LOAN', '风机采购及海上升压站建设（项目贷款）', ['RECEIVABLES', 'EQUITY_PLEDGE'], '3.30'),
  need(2, '100000.00', 60, 'BOND', '发行绿色债券，用于风电场建设', ['NONE'], '3.10'),
  need(3, '12000.00', 96, 'LEASE', '储能电池及变流设备融资租赁', ['EQUIPMENT'], '4.50'),
  need(4, '3500.00', 96, 'LOAN', '光伏组件、逆变器采购及安装', ['RECEIVABLES', 'EQUIPMENT'], '3.85'),
  need(6, '30000.00', 36, 'LOAN', '二星级绿色住宅建设（开发贷款）', ['REAL_ESTATE'], '4.20'),
  need(7, '32000.00', 60, 'INSURANCE', '投保绿色建筑性能保险，保障竣工后达到二星级标准', ['NONE'], null),
  need(8, '15000.00', 84, 'LOAN', '冷库主体及节能制冷设备建设', ['REAL_ESTATE', 'EQUIPMENT'], '4.00'),
  need(8, '3000.00', 12, 'SUPPLY_CHAIN', '为上游预制菜供应商提供应收账款融资', ['RECEIVABLES'], '4.35'),
  need(9, '900.00', 60, 'LEASE', '冷库屋顶光伏设备融资租赁', ['EQUIPMENT'], null),
  need(10, '1600.00', 60, 'LOAN', '空气源热泵机组采购及安装（节能减排专项贷款）', ['EQUIPMENT', 'GUARANTEE'], '3.95'),
  need(11, '1200.00', 48, 'LOAN', '废水处理站及中水回用管网建设', ['REAL_ESTATE'], '4.30'),
  need(12, '2000.00', 60, 'LOAN', '养殖尾水生态净化塘及沟渠建设', ['SUBSIDY_RIGHTS', 'GUARANTEE'], '3.90'),
  need(13, '2000.00', 60, 'EQUITY', '引入预制菜产业基金股权投资，投贷联动建设养殖基地', ['NONE'], null),
  need(14, '8000.00', 60, 'LOAN', '以可再生能源电价补贴收益权质押补充流动资金（补贴确权贷款）', ['SUBSIDY_RIGHTS'], '3.70'),
  need(16, '3000.00', 96, 'LOAN', '岸电电源及船舶受电设施改造', ['RECEIVABLES'], '3.60'),
  need(18, '4000.00', 120, 'LOAN', '人工鱼礁投放及增殖放流（以海域使用权抵押）', ['OTHER', 'GUARANTEE'], '4.00'),
  need(19, '8000.00', 60, 'LOAN', '冶炼渣微粉生产线建设', ['REAL_ESTATE', 'EQUIPMENT'], '4.10'),
  need(20, '3000.00', 120, 'LOAN', '防护林生态步道及游憩设施建设（以景区收费权质押）', ['RECEIVABLES'], '4.20'),
  need(23, '1000.00', 48, 'LOAN', '合同能源管理项目设备投入（以节能收益权质押）', ['RECEIVABLES'], '4.50'),
  need(24, '9000.00', 96, 'LEASE', '纯电动公交车融资租赁', ['EQUIPMENT'], '3.80'),
  need(25, '15000.00', 96, 'LOAN', '余热锅炉及汽轮发电机组建设（能源效率贷款）', ['EQUIPMENT', 'GUARANTEE'], '3.75'),
  need(26, '6000.00', 60, 'LOAN', '设备更新改造（制造业中长期贷款）', ['EQUIPMENT', 'REAL_ESTATE'], '3.45'),
  need(27, '2500.00', 36, 'LOAN', '有机肥生产线建设', ['REAL_ESTATE'], '4.20'),
  need(28, '500.00', 36, 'LOAN', '挥发性有机物收集及催化燃烧设备采购（信用贷款）', ['NONE'], '4.80'),
  need(29, '6000.00', 180, 'LOAN', '污水处理厂提标改造（以污水处理收费权质押）', ['RECEIVABLES'], '3.90'),
];

function bank(
  name: string,
  branchName: string,
  flags: { team?: boolean; disclosure?: boolean; ruralCommercial?: boolean },
): DemoBank {
  return {
    name,
    institutionKind: InstitutionKind.BANK,
    branchName,
    hasGreenFinanceTeam: flags.team ?? false,
    isLocalRuralCommercialBank: flags.ruralCommercial ?? false,
    disclosesEnvironmentalInfo: flags.disclosure ?? false,
  };
}

/** GB 11714 organisation code check character (the 9th character of the organisation code). */
function orgCodeCheckChar(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first8].reduce((s, ch, i) => s + parseInt(ch, 36) * weights[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : String(c % 11);
}

/**
 * '91' (工商, 企业) + division digits + organisation code 'MAYY' + serial. Guangdong issues
 * 'MA4…'/'MA5…' codes, so the 'MAYY' block keeps these clear of real companies' codes.
 */
function demoCreditCode(divisionCode: string, serial: number): string {
  const org8 = `MAYY${String(serial).padStart(4, '0')}`;
  return withCreditCodeCheckChar(`91${divisionCode.slice(0, 6)}${org8}${orgCodeCheckChar(org8)}`);
}

function enterprise(
  serial: number,
  name: string,
  divisionCode: string,
  industry: IndustryClass,
  size: EnterpriseSize,
  registeredCapital: string,
): DemoEnterprise {
  return { name, creditCode: demoCreditCode(divisionCode, serial), divisionCode, industry, size, registeredCapital };
}

/** A project is located in its enterprise's division. */
function project(enterpriseIndex: number, fields: ProjectFields): DemoProject {
  return {
    enterpriseIndex,
    divisionCode: DEMO_ENTERPRISES[enterpriseIndex].divisionCode,
    co2AvoidedTonsPerYear: null,
    coalSavedTcePerYear: null,
    waterSavedTonsPerYear: null,
    tags: [],
    greenBuildingStars: null,
    ...fields,
  };
}

function need(
  projectIndex: number,
  amount: string,
  termMonths: number,
  instrument: FinancingInstrument,
  purpose: string,
  collateral: CollateralKind[],
  maxRatePercent: string | null,
): DemoNeed {
  return { projectIndex, amount, termMonths, instrument, purpose, collateral, maxRatePercent };
}
