/** Templates use {{name}} placeholders; nothing else is special. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export interface TemplateProblem {
  field: 'subject' | 'body';
  message: string;
}

/** The variable names a template text uses. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Checks a template before it is saved: every placeholder must be a variable the type declares,
 * and no brace may be left unbalanced (a typo such as "{{name}" would otherwise be sent as is).
 */
export function checkTemplate(text: { subject: string; body: string }, allowed: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'body'] as const) {
    const value = text[field];
    const unknown = placeholders(value).filter((v) => !allowed.includes(v));
    if (unknown.length) problems.push({ field, message: `未知的变量：${unknown.map((u) => `{{${u}}}`).join('、')}；可用变量：${allowed.map((a) => `{{${a}}}`).join('、')}` });
    const rest = value.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) problems.push({ field, message: '占位符格式有误，应为 {{变量名}}' });
    if (field === 'subject' && /[\r\n]/.test(value)) problems.push({ field, message: '标题不能换行' });
  }
  return problems;
}

/** Fills the placeholders; a variable without a value becomes empty. */
export function renderText(template: string, vars: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => vars[name] ?? '');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The HTML part of an e-mail: the rendered text, escaped, one paragraph per line, links clickable. */
export function renderHtml(subject: string, text: string, footer: string): string {
  const paragraphs = text
    .split('\n')
    .map((line) => escapeHtml(line).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>'))
    .map((line) => `<p style="margin:0 0 12px">${line || '&nbsp;'}</p>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;color:#1f2d3d;line-height:1.6">
<div style="max-width:640px;margin:0 auto;padding:24px;border-top:4px solid #2e7d32">
<h2 style="font-size:18px;margin:0 0 16px">${escapeHtml(subject)}</h2>${paragraphs}
<p style="margin-top:24px;color:#8492a6;font-size:12px">${escapeHtml(footer)}</p></div></body></html>`;
}
