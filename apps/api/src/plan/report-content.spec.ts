import { reportContentProblems } from './report-content';

describe('a progress report carries its content (issue 14)', () => {
  const work = [
    { id: 'w1', text: '指导金融机构加强对绿色金融产品资金的后续管理' },
    { id: 'w2', text: '监督产品资金按约定用途使用' },
  ];

  it('needs each work item’s progress text; blanks and missing items count as empty', () => {
    expect(reportContentProblems(work, { summary: '', items: [{ workItemId: 'w1', narrative: '检查3次' }, { workItemId: 'w2', narrative: '已督导' }] })).toEqual([]);
    expect(reportContentProblems(work, { summary: '总体顺利', items: [{ workItemId: 'w1', narrative: '  \n' }] })).toEqual([
      { field: 'items[0].narrative', messages: ['请填写进展情况：指导金融机构加强对绿色金融产品资金的后续管理'] },
      { field: 'items[1].narrative', messages: ['请填写进展情况：监督产品资金按约定用途使用'] },
    ]);
    const long = [{ id: 'w', text: '很长的工作事项'.repeat(10) }];
    expect(reportContentProblems(long, { summary: '', items: [] })[0].messages[0]).toMatch(/…$/);
  });

  it('a task without work items that year needs the overall progress', () => {
    expect(reportContentProblems([], { summary: ' ', items: [] })).toEqual([{ field: 'summary', messages: ['请填写总体进展'] }]);
    expect(reportContentProblems([], { summary: '本期开展检查', items: [] })).toEqual([]);
  });
});
