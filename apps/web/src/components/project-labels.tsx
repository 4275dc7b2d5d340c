import { Tag } from 'antd';
import { PROJECT_STATUS_LABELS, ProjectStatus, REVIEW_STAGE_LABELS, type ReviewStage } from '@zj/shared';

const STATUS_COLORS: Record<ProjectStatus, string> = {
  [ProjectStatus.DRAFT]: 'default',
  [ProjectStatus.SUBMITTED]: 'processing',
  [ProjectStatus.UNDER_REVIEW]: 'blue',
  [ProjectStatus.LISTED]: 'success',
  [ProjectStatus.RETURNED]: 'warning',
  [ProjectStatus.ARCHIVED]: 'default',
};

export function ProjectStatusTag({ status, stage }: { status: ProjectStatus; stage?: ReviewStage | null }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="project-status">
      {PROJECT_STATUS_LABELS[status]}
      {stage && (status === ProjectStatus.SUBMITTED || status === ProjectStatus.UNDER_REVIEW) ? `·${REVIEW_STAGE_LABELS[stage]}` : ''}
    </Tag>
  );
}

/** 12345.6 → '12,345.6 万元'. */
export function wan(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(Number(v))} 万元`;
}
