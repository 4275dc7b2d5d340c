/** Review routing: which department reviews a project, from its primary category code. Plain functions. */

export interface RouteEntry {
  prefix: string;
  departmentOrgId: string;
}

/** Whether a category code lies under a prefix: '5.2' covers '5.2' and '5.2.1', not '5.20.1'. */
export function codeHasPrefix(code: string, prefix: string): boolean {
  return code === prefix || code.startsWith(`${prefix}.`);
}

/** The route whose prefix is the longest one covering `code`, or null (the caller falls back to the bureau). */
export function longestPrefixRoute<T extends RouteEntry>(routes: readonly T[], code: string): T | null {
  let best: T | null = null;
  for (const r of routes) {
    if (!codeHasPrefix(code, r.prefix)) continue;
    if (!best || r.prefix.length > best.prefix.length) best = r;
  }
  return best;
}

/**
 * Default routing of the 2019 catalogue (绿色产业指导目录（2019年版）) to Zhanjiang's departments, by unit code.
 * Top levels: 1 节能环保产业, 2 清洁生产产业, 3 清洁能源产业, 4 生态环境产业, 5 基础设施绿色升级, 6 绿色服务.
 * The bureau edits the mapping at run time; these are only the first values.
 */
export const DEFAULT_ROUTES_2019: { prefix: string; unitCode: string }[] = [
  { prefix: '1', unitCode: 'industry-information' }, // 节能环保产业: equipment manufacturing, retrofits
  { prefix: '1.5', unitCode: 'development-reform' }, // 节能改造
  { prefix: '1.6', unitCode: 'ecology-environment' }, // 污染治理
  { prefix: '1.7', unitCode: 'development-reform' }, // 资源循环利用
  { prefix: '2', unitCode: 'industry-information' }, // 清洁生产产业
  { prefix: '2.1', unitCode: 'development-reform' }, // 产业园区绿色升级
  { prefix: '2.2', unitCode: 'ecology-environment' }, // 无毒无害原料替代与危险废物治理
  { prefix: '2.3', unitCode: 'ecology-environment' }, // 废气处理处置
  { prefix: '2.4', unitCode: 'ecology-environment' }, // 节水和废水处理处置
  { prefix: '3', unitCode: 'development-reform' }, // 清洁能源产业
  { prefix: '3.1', unitCode: 'industry-information' }, // 新能源与清洁能源装备制造
  { prefix: '4', unitCode: 'ecology-environment' }, // 生态环境产业
  { prefix: '4.1', unitCode: 'agriculture-rural' }, // 生态农业
  { prefix: '4.2', unitCode: 'natural-resources' }, // 生态保护
  { prefix: '4.3', unitCode: 'natural-resources' }, // 生态修复
  { prefix: '5', unitCode: 'development-reform' }, // 基础设施绿色升级
  { prefix: '5.1', unitCode: 'housing-construction' }, // 建筑节能与绿色建筑
  { prefix: '5.2', unitCode: 'transport' }, // 绿色交通
  { prefix: '5.3', unitCode: 'housing-construction' }, // 环境基础设施
  { prefix: '5.4', unitCode: 'development-reform' }, // 城镇能源基础设施
  { prefix: '5.5', unitCode: 'housing-construction' }, // 海绵城市
  { prefix: '5.6', unitCode: 'housing-construction' }, // 园林绿化
  { prefix: '6', unitCode: 'development-reform' }, // 绿色服务
  { prefix: '6.4', unitCode: 'ecology-environment' }, // 监测检测
];
