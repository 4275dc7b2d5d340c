import { NOTIFICATION_LOCALES, NotificationType } from '@zj/shared';
import { NOTIFICATION_TYPES } from './notification-types';
import { checkTemplate, placeholders, renderHtml, renderText } from './template-render';

describe('notification templates', () => {
  it('lists the variables a template uses, once each', () => {
    expect(placeholders('{{a}} 和 {{ b }}，又是 {{a}}')).toEqual(['a', 'b']);
  });

  it('refuses unknown variables and broken braces, naming the field', () => {
    const problems = checkTemplate({ subject: '您好 {{name}}', body: '{{oldName}} → {{newName}' }, ['oldName', 'newName']);
    expect(problems).toEqual([
      { field: 'subject', message: expect.stringContaining('{{name}}') },
      { field: 'body', message: '占位符格式有误，应为 {{变量名}}' },
    ]);
    expect(checkTemplate({ subject: 'a\nb', body: '' }, [])).toEqual([{ field: 'subject', message: '标题不能换行' }]);
  });

  it('every built-in template uses only its declared variables, in every locale', () => {
    for (const [type, def] of Object.entries(NOTIFICATION_TYPES)) {
      for (const locale of NOTIFICATION_LOCALES) {
        expect({ type, locale, problems: checkTemplate(def.templates[locale], def.variables) }).toEqual({ type, locale, problems: [] });
      }
    }
    expect(Object.keys(NOTIFICATION_TYPES).sort()).toEqual(Object.values(NotificationType).sort());
  });

  it('renders text, and HTML with the values escaped', () => {
    expect(renderText('“{{oldName}}”已更名为“{{newName}}”', { oldName: '甲', newName: '乙' })).toBe('“甲”已更名为“乙”');
    const html = renderHtml('标题', '第一行 <b>\n请访问 http://localhost:3000/x', '页脚');
    expect(html).toContain('<p style="margin:0 0 12px">第一行 &lt;b&gt;</p>');
    expect(html).toContain('<a href="http://localhost:3000/x">http://localhost:3000/x</a>');
  });
});
