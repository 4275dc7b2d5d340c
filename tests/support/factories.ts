import { InstitutionKind, OrgType, withCreditCodeCheckChar } from '@zj/shared';
import { randomInt, randomUUID } from 'node:crypto';

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@test.zjgf.local`;
}

/** A valid, random 统一社会信用代码 of a company registered in `divisionCode`. */
export function creditCodeFactory(divisionCode = '440802'): string {
  const digits = divisionCode.slice(0, 6);
  let org = '';
  for (let i = 0; i < 9; i++) org += CODE_CHARS[randomInt(CODE_CHARS.length)];
  return withCreditCodeCheckChar(`91${digits}${org}`);
}

export function orgFactory(type: OrgType, o: { divisionCode?: string; name?: string } = {}) {
  const tag = randomUUID().slice(0, 6);
  const divisionCode = o.divisionCode ?? '440882';
  switch (type) {
    case OrgType.ENTERPRISE:
      return { type, name: o.name ?? `测试绿色企业${tag}有限公司`, creditCode: creditCodeFactory(divisionCode), divisionCode } as Record<string, string> & { divisionCode?: string; name: string };
    case OrgType.FINANCIAL_INSTITUTION:
      return { type, name: o.name ?? `测试银行${tag}湛江分行`, institutionKind: InstitutionKind.BANK, branchName: '湛江分行' } as Record<string, string> & { divisionCode?: string; name: string };
    case OrgType.COUNTY:
      return { type, name: o.name ?? `测试县区${tag}`, divisionCode } as Record<string, string> & { divisionCode?: string; name: string };
    default:
      return { type, name: o.name ?? `测试政府部门${tag}` } as Record<string, string> & { divisionCode?: string; name: string };
  }
}
