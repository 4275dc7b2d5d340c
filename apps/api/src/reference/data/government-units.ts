/**
 * The responsible units (责任单位) named in the 2023 green finance work list
 * (plan/data/zhanjiang-green-finance-plan-2023.txt). Names of city departments are as the seed
 * writes them, with the shared '市' prefix expanded ('市金融工作局、生态环境局' -> '市生态环境局').
 * A renamed unit keeps its code; the names the seed uses become its former names.
 */
export interface GovernmentUnitSeed {
  code: string;
  name: string;
  formerNames: string[];
  kind: 'BUREAU' | 'REGULATOR' | 'DEPARTMENT' | 'OTHER';
}

export const GOVERNMENT_UNITS: GovernmentUnitSeed[] = [
  { code: 'finance-bureau', name: '市金融工作局', formerNames: [], kind: 'BUREAU' },
  { code: 'pbc-zhanjiang', name: '中国人民银行湛江市分行', formerNames: ['人民银行湛江市中心支行'], kind: 'REGULATOR' },
  { code: 'nfra-zhanjiang', name: '国家金融监督管理总局湛江监管分局', formerNames: ['湛江银保监分局'], kind: 'REGULATOR' },
  { code: 'ecology-environment', name: '市生态环境局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'development-reform', name: '市发展改革局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'industry-information', name: '市工业和信息化局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'transport', name: '市交通运输局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'housing-construction', name: '市住房城乡建设局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'agriculture-rural', name: '市农业农村局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'natural-resources', name: '市自然资源局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'public-finance', name: '市财政局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'science-technology', name: '市科学技术局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'government-data', name: '市政务服务数据管理局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'culture-tourism', name: '市文化广电旅游体育局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'mangrove-reserve', name: '广东湛江红树林国家级自然保护区管理局', formerNames: [], kind: 'DEPARTMENT' },
  { code: 'tourism-holding', name: '市旅控集团', formerNames: [], kind: 'OTHER' },
  // Not one unit: the seed's collective phrase for the county-level governments and zone committees.
  { code: 'county-governments', name: '各县（市、区）政府（管委会）', formerNames: [], kind: 'OTHER' },
];

/** The unit whose current or former name is `name` (surrounding whitespace ignored). */
export function unitByAnyName(name: string): GovernmentUnitSeed | undefined {
  const n = name.trim();
  return GOVERNMENT_UNITS.find((u) => u.name === n || u.formerNames.includes(n));
}
