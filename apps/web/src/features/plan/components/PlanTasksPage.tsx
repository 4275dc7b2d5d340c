import { useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { Role, UNIT_ROLE_LABELS, UnitRole, WORK_ITEM_STATUS_COLORS, type PlanTaskView, type PlanWorkItemView } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useAuth } from '../../../lib/auth-context';
import { TaskIndicators, useIndicators } from '../../indicators';
import { useArchiveWorkItem, usePlanTasks, usePlanYears } from '../hooks/use-plan';
import { WorkStatusTag } from './labels';
import { WorkItemFormModal } from './WorkItemFormModal';
import { WorkListModal } from './WorkListModal';

const CHINESE = '一二三四五六';
const ROLE_COLORS: Record<UnitRole, string> = { [UnitRole.LEAD]: 'green', [UnitRole.COOPERATING]: 'blue', [UnitRole.JOINT]: 'purple' };

type ItemEditor = { item?: PlanWorkItemView; keyWorkId?: string } | null;

/**
 * 方案任务管理 (bureau; regulators read): the 18 tasks by action, each with its key works, the
 * work items of a year and its responsible units; the bureau adds, edits and withdraws work items,
 * makes a later year's work list, and keeps the task's indicators and their values.
 */
export default function PlanTasksPage() {
  const { user } = useAuth();
  const bureau = user?.role === Role.BUREAU;
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const years = usePlanYears();
  const yearList = years.data ?? [];
  // Without a year asked: the current year's list (as the dashboard), not one made ahead for a later year.
  const currentYear = Number(formatDate(new Date()).slice(0, 4));
  const year = Number(params.get('year')) || ([...yearList].reverse().find((y) => y <= currentYear) ?? yearList[0]);
  const taskNumber = Number(params.get('task')) || 1;
  const tasks = usePlanTasks(year, { enabled: years.data !== undefined });
  const indicators = useIndicators();
  const archive = useArchiveWorkItem();
  const [itemEditor, setItemEditor] = useState<ItemEditor>(null);
  const [listOpen, setListOpen] = useState(false);

  const select = (next: { task?: number; year?: number }) =>
    setParams((p) => {
      const q = new URLSearchParams(p);
      if (next.task !== undefined) q.set('task', String(next.task));
      if (next.year !== undefined) q.set('year', String(next.year));
      return q;
    });

  const task = tasks.data?.find((t) => t.number === taskNumber);
  const yearOptions = [...new Set([...yearList, ...(year ? [year] : [])])].sort((a, b) => a - b);
  const actions = [...new Map((tasks.data ?? []).map((t) => [t.action, t.actionTitle])).entries()].sort((a, b) => a[0] - b[0]);

  const withdraw = (item: PlanWorkItemView) =>
    archive
      .mutateAsync({ id: item.id, version: item.version })
      .then(() => message.success('工作事项已撤销'))
      .catch((e) => message.error(errorMessage(e)));

  return (
    <PageContainer
      title="方案任务管理"
      description="湛江市绿色金融重点任务：6大行动、18项重点任务的重点工作、各年度具体工作清单、责任单位及指标。市金融工作局维护清单和指标，监管部门可查阅。"
      extra={
        <Space>
          <Select
            style={{ width: 170 }}
            value={year}
            onChange={(y: number) => select({ year: y })}
            options={yearOptions.map((y) => ({ value: y, label: yearList.includes(y) ? `${y}年工作清单` : `${y}年（尚无清单）` }))}
            data-testid="plan-tasks-year"
          />
          {bureau ? (
            <Button icon={<UnorderedListOutlined />} onClick={() => setListOpen(true)} disabled={!tasks.data} data-testid="work-list-create">
              新增年度工作清单
            </Button>
          ) : null}
        </Space>
      }
    >
      {!years.data || !tasks.data ? (
        tasks.isError || years.isError ? <Typography.Text type="danger">{errorMessage(tasks.error ?? years.error)}</Typography.Text> : <Spin />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={8} xl={7}>
            <Card size="small" title="6大行动 · 18项重点任务" data-testid="plan-tasks-list">
              <Flex vertical gap={10}>
                {actions.map(([n, title]) => (
                  <div key={n} data-testid={`plan-tasks-action-${n}`}>
                    <Typography.Text type="secondary" strong>
                      {CHINESE[n - 1]}、{title}
                    </Typography.Text>
                    <Flex vertical gap={4} style={{ marginTop: 4 }}>
                      {tasks.data
                        .filter((t) => t.action === n)
                        .map((t) => {
                          const count = t.keyWorks.reduce((s, k) => s + k.workItems.length, 0);
                          const active = t.number === taskNumber;
                          return (
                            <div
                              key={t.id}
                              role="button"
                              tabIndex={0}
                              onClick={() => select({ task: t.number })}
                              onKeyDown={(e) => (e.key === 'Enter' ? select({ task: t.number }) : undefined)}
                              data-testid={`plan-tasks-task-${t.number}`}
                              data-selected={active}
                              style={{
                                cursor: 'pointer',
                                borderLeft: `5px solid ${WORK_ITEM_STATUS_COLORS[t.status]}`,
                                padding: '4px 8px',
                                borderRadius: 4,
                                background: active ? '#e6f4ff' : '#fafafa',
                              }}
                            >
                              <Typography.Text strong={active}>
                                （{t.number}）{t.title}
                              </Typography.Text>
                              <Typography.Text type="secondary" style={{ float: 'right', fontSize: 12 }}>
                                {count}项
                              </Typography.Text>
                            </div>
                          );
                        })}
                    </Flex>
                  </div>
                ))}
              </Flex>
            </Card>
          </Col>
          <Col xs={24} lg={16} xl={17}>
            {task ? (
              <TaskDetail
                task={task}
                year={year}
                bureau={bureau}
                indicators={(indicators.data ?? []).filter((i) => i.taskId === task.id)}
                allTasks={tasks.data ?? []}
                onAdd={(keyWorkId) => setItemEditor({ keyWorkId })}
                onEdit={(item) => setItemEditor({ item })}
                onWithdraw={withdraw}
              />
            ) : (
              <Empty description="请选择重点任务" />
            )}
          </Col>
        </Row>
      )}
      {itemEditor && task ? (
        <WorkItemFormModal
          task={task}
          item={itemEditor.item}
          defaults={{ keyWorkId: itemEditor.keyWorkId, year: year ?? new Date().getFullYear() }}
          onClose={() => setItemEditor(null)}
          onSaved={(y) => select({ year: y })}
        />
      ) : null}
      {listOpen && tasks.data ? <WorkListModal years={yearList} structure={tasks.data} onClose={() => setListOpen(false)} onCreated={(y) => select({ year: y })} /> : null}
    </PageContainer>
  );
}

function TaskDetail({
  task,
  year,
  bureau,
  indicators,
  allTasks,
  onAdd,
  onEdit,
  onWithdraw,
}: {
  task: PlanTaskView;
  year: number | undefined;
  bureau: boolean;
  indicators: Parameters<typeof TaskIndicators>[0]['indicators'];
  allTasks: PlanTaskView[];
  onAdd: (keyWorkId?: string) => void;
  onEdit: (item: PlanWorkItemView) => void;
  onWithdraw: (item: PlanWorkItemView) => Promise<unknown>;
}) {
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        data-testid="task-detail"
        data-task-number={task.number}
        title={
          <Typography.Text strong style={{ whiteSpace: 'normal' }}>
            （{task.number}）{task.title}
          </Typography.Text>
        }
        extra={<WorkStatusTag status={task.status} />}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {CHINESE[task.action - 1]}、{task.actionTitle}
        </Typography.Paragraph>
        <Typography.Text strong>责任单位</Typography.Text>
        <Space wrap size={[4, 4]} style={{ display: 'flex', marginTop: 4 }} data-testid="task-units">
          {task.units.map((u) => (
            <Tooltip key={u.organizationId} title={u.nameInSeed && u.nameInSeed !== u.name ? `方案原文：${u.nameInSeed}` : undefined}>
              <Tag color={ROLE_COLORS[u.role]} data-testid={`task-unit-${u.unitCode ?? u.organizationId}`} data-role={u.role}>
                {UNIT_ROLE_LABELS[u.role]}｜{u.name}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      </Card>
      <Card
        size="small"
        title={`${year ?? ''}年具体工作清单`}
        data-testid="task-work-items"
        extra={
          bureau ? (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => onAdd()} data-testid="work-item-create">
              新增工作事项
            </Button>
          ) : null
        }
      >
        <Flex vertical gap={12}>
          {task.keyWorks.map((k, ki) => (
            <div key={k.id} data-testid={`key-work-${ki}`}>
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                重点工作{ki + 1}：{k.text}
              </Typography.Paragraph>
              {k.workItems.length ? (
                <Flex vertical gap={4}>
                  {k.workItems.map((item, ii) => (
                    <Flex
                      key={item.id}
                      justify="space-between"
                      align="start"
                      gap={8}
                      data-testid="work-item"
                      data-item-id={item.id}
                      data-year={item.year}
                      style={{ padding: '6px 8px', background: '#fafafa', borderRadius: 4 }}
                    >
                      <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="work-item-text-view">
                        {ii + 1}. {item.text}
                      </Typography.Text>
                      {bureau ? (
                        <Space size={0} style={{ flexShrink: 0 }}>
                          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(item)} data-testid="work-item-edit">
                            修改
                          </Button>
                          <Popconfirm
                            title="撤销该工作事项？"
                            description="撤销后不再列入清单和报送，已有进展报告中的记录保留。"
                            okText="撤销"
                            cancelText="取消"
                            okButtonProps={{ danger: true, ...testId('work-item-delete-confirm') }}
                            onConfirm={() => onWithdraw(item)}
                          >
                            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="work-item-delete">
                              撤销
                            </Button>
                          </Popconfirm>
                        </Space>
                      ) : null}
                    </Flex>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">
                  本年度暂无工作事项
                  {bureau ? (
                    <Typography.Link style={{ marginLeft: 8 }} onClick={() => onAdd(k.id)} data-testid={`work-item-add-${ki}`}>
                      新增
                    </Typography.Link>
                  ) : null}
                </Typography.Text>
              )}
            </div>
          ))}
        </Flex>
      </Card>
      <TaskIndicators task={{ id: task.id, number: task.number, title: task.title }} tasks={allTasks} indicators={indicators} editable={bureau} />
    </Space>
  );
}
