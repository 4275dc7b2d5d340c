import { PLAN_EVIDENCE_MAX_BYTES } from '@zj/shared';
import { evidenceProblem } from './evidence-rules';

describe('evidence files', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  it('accepts the listed types when the content matches', () => {
    expect(evidenceProblem('会议纪要.pdf', pdf)).toBeNull();
    expect(evidenceProblem('照片.PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBeNull();
  });
  it('refuses other types, disguised files and big files', () => {
    expect(evidenceProblem('run.exe', pdf)).toContain('不支持');
    expect(evidenceProblem('noext', pdf)).toContain('不支持');
    expect(evidenceProblem('fake.pdf', Buffer.from('MZ\x90\x00'))).toBe('文件内容与扩展名不符');
    expect(evidenceProblem('big.pdf', Buffer.concat([pdf, Buffer.alloc(PLAN_EVIDENCE_MAX_BYTES)]))).toContain('不能超过');
  });
});
