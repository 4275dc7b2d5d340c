import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { useCurrentUser } from '../../../lib/auth-context';
import { useWorkbench } from '../hooks/use-workbench';
import { WorkbenchSectionCard } from './WorkbenchSection';
import { greeting } from './workbench-format';
import styles from './home.module.css';

/** 工作台: a short greeting, then what waits for the user (the role's work queue, counted by the API). */
export default function HomePage() {
  const user = useCurrentUser();
  const wb = useWorkbench();
  const sections = wb.data?.sections ?? [];
  const tasks = sections.filter((s) => s.layout === 'tasks');
  const late = tasks.reduce((n, s) => n + s.items.filter((i) => i.overdue).length, 0);

  return (
    <PageContainer title="工作台">
      <div data-testid="home">
        <Card size="small" className={styles.greeting}>
          <Flex wrap gap="4px 12px" align="center" justify="space-between">
            <Typography.Text strong style={{ fontSize: 16 }}>
              {greeting()}，{user.displayName}
            </Typography.Text>
            <Flex wrap gap={4}>
              <Tag data-testid="home-org" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                {user.organization.name}
              </Tag>
              <Tag color="green" data-testid="home-role" style={{ marginInlineEnd: 0 }}>
                {ROLE_LABELS[user.role]}
              </Tag>
            </Flex>
          </Flex>
          {wb.data ? (
            <Typography.Text type="secondary" data-testid="home-summary">
              {wb.data.total ? `您有 ${wb.data.total} 项待办${late ? `，其中 ${late} 项已超时，请优先处理` : ''}。` : '暂无待办事项。'}
            </Typography.Text>
          ) : null}
        </Card>

        {wb.isPending ? (
          <Card size="small" data-testid="home-loading" aria-busy="true" aria-label="正在加载待办">
            <Skeleton active paragraph={{ rows: 4 }} />
          </Card>
        ) : wb.isError ? (
          <Alert
            type="error"
            showIcon
            data-testid="home-error"
            title="待办事项加载失败"
            description="请检查网络后重试；其他功能可从左侧菜单进入。"
            action={
              <Button size="small" onClick={() => wb.refetch()} loading={wb.isFetching}>
                重试
              </Button>
            }
          />
        ) : (
          <>
            {sections.map((s) => (
              <WorkbenchSectionCard key={s.key} section={s} />
            ))}
            {tasks.length === 0 ? (
              <Card size="small" data-testid="home-empty">
                <Empty description="暂无待办" />
              </Card>
            ) : null}
          </>
        )}
      </div>
    </PageContainer>
  );
}
