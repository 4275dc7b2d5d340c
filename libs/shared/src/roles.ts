/** Who a user is on the platform. Every API route declares which of these may call it. */
export enum Role {
  ENTERPRISE = 'ENTERPRISE',
  BANK = 'BANK',
  DEPARTMENT = 'DEPARTMENT',
  COUNTY = 'COUNTY',
  BUREAU = 'BUREAU',
  REGULATOR = 'REGULATOR',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export const ROLE_LABELS: Record<Role, string> = {
  [Role.ENTERPRISE]: '企业用户',
  [Role.BANK]: '金融机构用户',
  [Role.DEPARTMENT]: '行业主管部门',
  [Role.COUNTY]: '县市区政府/管委会',
  [Role.BUREAU]: '市金融工作局',
  [Role.REGULATOR]: '金融监管部门',
};

/** The kind of organisation a user belongs to. */
export enum OrgType {
  ENTERPRISE = 'ENTERPRISE',
  FINANCIAL_INSTITUTION = 'FINANCIAL_INSTITUTION',
  GOVERNMENT_UNIT = 'GOVERNMENT_UNIT',
  COUNTY = 'COUNTY',
}

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  [OrgType.ENTERPRISE]: '企业',
  [OrgType.FINANCIAL_INSTITUTION]: '金融机构',
  [OrgType.GOVERNMENT_UNIT]: '政府部门',
  [OrgType.COUNTY]: '县（市、区）/管委会',
};

/** Which roles a user of an organisation type may hold. */
export const ROLES_BY_ORG_TYPE: Record<OrgType, readonly Role[]> = {
  [OrgType.ENTERPRISE]: [Role.ENTERPRISE],
  [OrgType.FINANCIAL_INSTITUTION]: [Role.BANK],
  [OrgType.GOVERNMENT_UNIT]: [Role.DEPARTMENT, Role.BUREAU, Role.REGULATOR],
  [OrgType.COUNTY]: [Role.COUNTY],
};

export enum InstitutionKind {
  BANK = 'BANK',
  INSURER = 'INSURER',
  SECURITIES = 'SECURITIES',
  FUND = 'FUND',
}

export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, string> = {
  [InstitutionKind.BANK]: '银行',
  [InstitutionKind.INSURER]: '保险机构',
  [InstitutionKind.SECURITIES]: '证券机构',
  [InstitutionKind.FUND]: '基金',
};
