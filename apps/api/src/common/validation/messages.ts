/**
 * Building blocks of validation messages: every message names the field as the form labels it and
 * says what is allowed (the check `dto-messages.spec.ts` walks every DTO for it).
 */

/** '项目阶段应为拟建、在建或已投运'; a long list of choices: '通知类型无效，请从列表中选择'. */
export function oneOf(label: string, labels: Record<string, string> | readonly string[], most = 8): string {
  const names = Array.isArray(labels) ? [...labels] : Object.values(labels as Record<string, string>);
  if (names.length > most) return `${label}无效，请从列表中选择`;
  return `${label}应为${names.length > 1 ? `${names.slice(0, -1).join('、')}或${names[names.length - 1]}` : names[0]}`;
}
