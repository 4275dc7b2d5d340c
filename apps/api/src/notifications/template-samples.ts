import { NotificationType } from '@zj/shared';
import { typeDef } from './notification-types';

/**
 * Sample values for the template preview of the bureau's template editor: plausible for Zhanjiang,
 * plainly invented (示例). A variable without an entry here shows as 〔name〕, so that a new variable
 * still previews visibly.
 */
const SAMPLE_VALUES: Record<string, string> = {
  agenda: '09:30–09:50 示例银行湛江分行 · 3号桌\n10:10–10:30 示例农商银行 · 7号桌',
  amount: '3000.00',
  answerLabel: '已接受',
  bankName: '示例银行湛江分行',
  comment: '请补充项目环评批复文件后重新报送。',
  count: '2',
  counterpartName: '湛江示例新能源有限公司',
  day: '2025年11月20日',
  desk: '3号桌',
  detail: '抽查发现部分资金用于偿还非绿色项目贷款。',
  displayName: '张示例',
  dueAt: '2025年11月28日 17:00',
  email: 'zhang.shili@example.gov.cn',
  enterpriseName: '湛江示例新能源有限公司',
  entryKind: '项目',
  entryName: '麻章区工业园屋顶分布式光伏项目（示例）',
  eventTitle: '2025年湛江市绿色金融银企对接会（示例）',
  list: '· 雷州红树林生态修复项目 · 1200 万元\n· 徐闻海上风电配套项目 · 8000 万元',
  lockedUntil: '2025年11月20日 10:30',
  loginUrl: 'https://zjgf.example.gov.cn/login',
  message: '希望了解碳减排支持工具的申请条件。',
  needTitle: '麻章区工业园屋顶分布式光伏项目（示例） · 3000 万元',
  newName: '示例银行湛江分行',
  oldName: '示例银行湛江支行',
  organizationName: '湛江示例新能源有限公司',
  periodName: '2025年第四季度',
  priorityLabel: '必须见面',
  reason: '项目投资估算缺少依据，请补充可行性研究报告。',
  requesterName: '示例银行湛江分行',
  resultLabel: '符合约定用途',
  reviewerName: '湛江市生态环境局（示例）',
  roleLabel: '企业用户',
  stageLabel: '县区初审',
  startsAt: '2025年11月20日 09:00',
  statusLabel: '已受理',
  targetName: '示例银行湛江分行',
  taskTitle: '（三）常态化绿色融资对接',
  time: '09:30',
  unitName: '赤坎区人民政府（示例）',
  venue: '湛江市民服务中心三楼会议室',
  wantedBy: '2025年12月31日',
  when: '明天',
};

/** The sample values of one type's declared variables. */
export function sampleVars(type: NotificationType): Record<string, string> {
  return Object.fromEntries(typeDef(type).variables.map((v) => [v, SAMPLE_VALUES[v] ?? `〔${v}〕`]));
}

/** A link like the notices of the type carry, for the preview. */
export const SAMPLE_LINK = '/notifications';
