import { Progress, Space, Table, Tag, Typography } from 'antd';
import { CRITERION_RESULT_LABELS, CriterionResult, type CriterionExplanation, type MatchExplanation } from '@zj/shared';

const COLOR: Record<CriterionResult, string> = { [CriterionResult.MET]: 'green', [CriterionResult.PARTLY]: 'gold', [CriterionResult.NOT_MET]: 'red' };

export function ScoreBadge({ score, testId }: { score: number; testId?: string }) {
  return <Progress type="circle" size={44} percent={score} format={(p) => <span data-testid={testId}>{p}</span>} strokeColor={score >= 80 ? '#389e0d' : score >= 60 ? '#d4b106' : '#cf1322'} />;
}

/** Every criterion: met, partly met or not met, with the reason in words. */
export function MatchExplanationView({ match, testId }: { match: MatchExplanation; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="match-summary">
        {match.summary}
      </Typography.Paragraph>
      <Table<CriterionExplanation>
        size="small"
        rowKey="criterion"
        pagination={false}
        dataSource={match.criteria}
        columns={[
          { title: '条件', dataIndex: 'label', width: 90, render: (l: string, c) => <Space size={4}>{l}{c.hard ? <Tag style={{ marginInlineEnd: 0 }}>必要</Tag> : null}</Space> },
          { title: '结果', dataIndex: 'result', width: 90, render: (r: CriterionResult) => <Tag color={COLOR[r]}>{CRITERION_RESULT_LABELS[r]}</Tag> },
          { title: '得分', width: 70, render: (_, c) => `${c.points}/${c.weight}` },
          { title: '说明', dataIndex: 'explanation' },
        ]}
      />
    </div>
  );
}
