import type { PlanTaskNumber } from './plan-2023';

/**
 * The numbers the plan sets (see the seed's key works and 2023 work list), as indicators with
 * targets. Loaded by the plan migration; the bureau may add or edit indicators afterwards.
 * Values are decimal strings in the indicator's unit (% / 次 / 家 / 万元). Plain string values of the
 * @zj/shared enums (IndicatorSource, IndicatorComputation, IndicatorComparison). The plan migration
 * loaded a frozen copy (database/migrations/data/1764300400000-plan-2023.ts): a change here is a new
 * migration.
 */
export interface IndicatorSeed {
  code: string;
  task: PlanTaskNumber;
  name: string;
  unit: string;
  source: 'COMPUTED' | 'REPORTED';
  computation?: 'GREEN_LOAN_RATIO' | 'EVENTS_HELD' | 'LIBRARY_PROJECTS' | 'LIBRARY_ENTERPRISES' | 'FINANCING_DISBURSED' | 'BANKS_WITH_GREEN_TEAM' | 'RURAL_BANKS_DISCLOSING';
  description?: string;
  targets: { comparison: 'AT_LEAST' | 'AT_MOST' | 'ABOUT'; value: string; deadline: string; note?: string }[];
}

const AT_LEAST = 'AT_LEAST';
const ABOUT = 'ABOUT';

export const PLAN_INDICATOR_SEED: IndicatorSeed[] = [
  {
    code: 'green-loan-ratio',
    task: 2,
    name: '绿色信贷占全部贷款余额比重',
    unit: '%',
    source: 'COMPUTED',
    computation: 'GREEN_LOAN_RATIO',
    description: '各银行机构按月报送绿色贷款余额和各项贷款余额，全市占比 = Σ绿色贷款余额 ÷ Σ各项贷款余额',
    targets: [
      { comparison: AT_LEAST, value: '10.00', deadline: '2023-12-31', note: '力争到2023年末达到10%' },
      { comparison: ABOUT, value: '10.00', deadline: '2025-12-31', note: '到2025年达到10%左右' },
      { comparison: ABOUT, value: '15.00', deadline: '2030-12-31', note: '到2030年达到15%左右' },
    ],
  },
  {
    code: 'events-held',
    task: 3,
    name: '绿色金融知识宣讲、产品推介、融资对接活动',
    unit: '次',
    source: 'COMPUTED',
    computation: 'EVENTS_HELD',
    description: '当年已举办的活动次数，按宣讲、推介、对接会分类',
    targets: [{ comparison: AT_LEAST, value: '3.00', deadline: '2023-12-31', note: '2023年不少于3次' }],
  },
  {
    code: 'library-projects',
    task: 3,
    name: '绿色项目库入库项目',
    unit: '个',
    source: 'COMPUTED',
    computation: 'LIBRARY_PROJECTS',
    targets: [],
  },
  {
    code: 'library-enterprises',
    task: 3,
    name: '绿色企业库企业',
    unit: '家',
    source: 'COMPUTED',
    computation: 'LIBRARY_ENTERPRISES',
    targets: [],
  },
  {
    code: 'financing-disbursed',
    task: 3,
    name: '经平台对接实现融资（放款）金额',
    unit: '万元',
    source: 'COMPUTED',
    computation: 'FINANCING_DISBURSED',
    targets: [],
  },
  {
    code: 'banks-green-team',
    task: 1,
    name: '组建绿色金融服务团队的银行机构',
    unit: '家',
    source: 'COMPUTED',
    computation: 'BANKS_WITH_GREEN_TEAM',
    targets: [{ comparison: AT_LEAST, value: '5.00', deadline: '2023-12-31', note: '推动5家以上银行机构组建绿色金融服务团队' }],
  },
  {
    code: 'rural-banks-disclosure',
    task: 1,
    name: '法人农商行环境信息披露覆盖率',
    unit: '%',
    source: 'COMPUTED',
    computation: 'RURAL_BANKS_DISCLOSING',
    targets: [{ comparison: AT_LEAST, value: '100.00', deadline: '2023-12-31', note: '推动法人农商行环境信息披露工作全覆盖' }],
  },
  {
    code: 'pollution-insurance-coverage',
    task: 5,
    name: '高风险领域环境污染强制责任险参保覆盖面',
    unit: '%',
    source: 'REPORTED',
    targets: [
      { comparison: AT_LEAST, value: '30.00', deadline: '2023-12-31', note: '2023年达到30%以上' },
      { comparison: AT_LEAST, value: '100.00', deadline: '2025-12-31', note: '2025年前全覆盖' },
    ],
  },
  {
    code: 'prepared-food-fund',
    task: 6,
    name: '湛江预制菜产业基金首期规模',
    unit: '万元',
    source: 'REPORTED',
    targets: [{ comparison: AT_LEAST, value: '30000.00', deadline: '2023-12-31', note: '首期规模3亿元' }],
  },
  {
    code: 'relending-carbon-reduction',
    task: 9,
    name: '碳减排贷款再贷款支持比例',
    unit: '%',
    source: 'REPORTED',
    targets: [{ comparison: AT_LEAST, value: '60.00', deadline: '2023-12-31', note: '对符合条件的碳减排贷款本金提供60%的再贷款支持' }],
  },
  {
    code: 'relending-clean-coal',
    task: 9,
    name: '煤炭清洁高效利用贷款再贷款支持比例',
    unit: '%',
    source: 'REPORTED',
    targets: [{ comparison: AT_LEAST, value: '100.00', deadline: '2023-12-31', note: '对符合条件的煤炭清洁高效利用贷款本金提供100%的再贷款支持' }],
  },
  {
    code: 'special-bond-payout',
    task: 16,
    name: '地方政府专项债券支付率',
    unit: '%',
    source: 'REPORTED',
    targets: [{ comparison: AT_LEAST, value: '90.00', deadline: '2023-12-31', note: '年末支付率达90%以上' }],
  },
];
