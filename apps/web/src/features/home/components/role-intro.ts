import { Role } from '@zj/shared';

/** What each role does on the platform (DOMAIN.md, The people), shown on the home page. */
export const ROLE_INTRO: Record<Role, string> = {
  [Role.ENTERPRISE]: '登记企业与绿色项目，发布融资需求，查看匹配的绿色金融产品，跟踪金融机构对需求的办理进度，报名参加银企对接会。',
  [Role.BANK]: '发布绿色金融产品，查看与产品匹配的融资需求，受理或婉拒需求，报告授信与放款结果，参加银企对接会。',
  [Role.DEPARTMENT]: '审核并推荐本行业项目进入绿色项目库，报告本单位负责的工作任务进展。',
  [Role.COUNTY]: '汇总本地企业和项目并提交入库，报告本地区负责的工作任务进展。',
  [Role.BUREAU]: '管理机构与用户，组织宣讲、推介和对接活动，向金融机构推送融资需求，跟踪全市对接进展和工作清单落实情况。',
  [Role.REGULATOR]: '查看绿色信贷占比等统计数据，跟踪本单位牵头的工作任务。',
};
