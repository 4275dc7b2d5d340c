import { attachmentHeader, reportFileName } from './report-xlsx';

describe('report .xlsx file name', () => {
  it('names the file in Chinese (RFC 5987) with a plain fallback, and keeps characters file systems refuse out', () => {
    const name = reportFileName('2026年湛江/绿色金融(银企)对接会', new Date('2026-05-20T17:00:00Z'));
    expect(name).toBe('2026年湛江 绿色金融(银企)对接会-活动报告-20260521.xlsx');
    const header = attachmentHeader(name);
    expect(header).toMatch(/^attachment; filename="event-report\.xlsx"; filename\*=UTF-8''/);
    const encoded = header.split("UTF-8''")[1];
    expect(encoded).not.toMatch(/[()'* ]/);
    expect(decodeURIComponent(encoded)).toBe(name);
  });
});
