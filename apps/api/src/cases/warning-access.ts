import { Role } from '@zj/shared';

/**
 * Who reads the greenwashing (洗绿) warnings follows the plan's responsibilities (issue 14). The 2023
 * plan's task （十七）加强绿色金融风险防控 carries the work "监督产品资金按约定用途使用，避免出现项目‘洗绿’风险";
 * it is led by 湛江银保监分局 (the financial regulator's Zhanjiang branch), with 市金融工作局 and
 * 人民银行湛江市中心支行 cooperating. Its units — whatever the plan data names them now — read every
 * warning; the bureau runs the platform and reads them all; a bank reads the warnings of its own cases.
 */
export const GREENWASHING_TASK_NUMBER = 17;

export type WarningScope = 'ALL' | 'OWN_BANK' | 'NONE';

/**
 * What the caller may read: every warning, its bank's own, or none (`responsible`: its organisation
 * is a unit of the task). A regulator not responsible for the task reads an empty list, not a 403:
 * whether it sees them depends on the plan's data, not on its role.
 */
export function warningScope(role: Role, responsible: boolean): WarningScope {
  if (role === Role.BUREAU) return 'ALL';
  if (role === Role.BANK) return 'OWN_BANK';
  return responsible ? 'ALL' : 'NONE';
}
