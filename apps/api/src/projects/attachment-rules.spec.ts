import { attachmentTypeProblem } from './attachment-rules';

describe('attachment rules', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100)]);
  it('accepts a PDF named .pdf', () => {
    expect(attachmentTypeProblem('可研报告.pdf', pdf)).toBeNull();
    expect(attachmentTypeProblem('REPORT.PDF', pdf)).toBeNull();
  });
  it('refuses other extensions, and content that does not match the extension', () => {
    expect(attachmentTypeProblem('run.exe', pdf)).toContain('不支持');
    expect(attachmentTypeProblem('noext', pdf)).toContain('不支持');
    expect(attachmentTypeProblem('photo.png', pdf)).toBe('文件内容与扩展名不符');
    expect(attachmentTypeProblem('fake.pdf', Buffer.from('MZ\x90\x00 not a pdf'))).toBe('文件内容与扩展名不符');
  });
  it('refuses files over the size limit', () => {
    expect(attachmentTypeProblem('big.pdf', Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]))).toContain('不能超过');
  });
});
