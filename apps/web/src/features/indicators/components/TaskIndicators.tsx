import { useState } from 'react';
import { Button, Card, Drawer, Empty, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, FormOutlined } from '@ant-design/icons';
import { INDICATOR_COMPARISON_LABELS, INDICATOR_COMPUTATION_LABELS, INDICATOR_SOURCE_LABELS, IndicatorSource, TARGET_STATUS_LABELS, targetValueText, type IndicatorValueRecord, type IndicatorView } from '@zj/shared';
import { notifyError, notifySuccess } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useArchiveIndicator, useIndicator } from '../hooks/use-indicators';
import { withUnit } from './decimal';
import { IndicatorFormModal, type IndicatorTask } from './IndicatorFormModal';
import { TARGET_COLORS } from './IndicatorCards';
import { IndicatorValueModal } from './IndicatorValueModal';

/**
 * The indicators of one task: current value against each target; the bureau creates, edits (or moves
 * to another of `tasks`), deletes and records values.
 */
export function TaskIndicators({ task, tasks, indicators, editable }: { task: IndicatorTask; tasks: IndicatorTask[]; indicators: IndicatorView[]; editable: boolean }) {
  const [editing, setEditing] = useState<IndicatorView | null | undefined>(undefined);
  const [recording, setRecording] = useState<IndicatorView | null>(null);
  const [history, setHistory] = useState<IndicatorView | null>(null);
  const archive = useArchiveIndicator();
  const remove = (i: IndicatorView) =>
    archive.mutateAsync({ id: i.id, version: i.version }).then(
      () => notifySuccess(`已删除指标：${i.name}`),
      (e: unknown) => notifyError(e),
    );

  return (
    <Card
      size="small"
      title="指标与目标"
      data-testid="task-indicators"
      extra={
        editable ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="indicator-create">
            新增指标
          </Button>
        ) : null
      }
    >
      {!indicators.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该任务暂无指标" />
      ) : (
        <Flex vertical gap={8}>
          {indicators.map((i) => (
            <Card key={i.id} size="small" type="inner" data-testid={`task-indicator-${i.code}`} title={i.name} extra={<Tag>{INDICATOR_SOURCE_LABELS[i.source]}</Tag>}>
              <Flex justify="space-between" align="start" gap={12} wrap>
                <Space direction="vertical" size={4}>
                  <Typography.Text>
                    当前值：
                    <Typography.Text strong data-testid={`task-indicator-${i.code}-value`}>
                      {withUnit(i.current.value, i.unit)}
                    </Typography.Text>
                    <Typography.Text type="secondary">{i.current.asOf ? `（截至 ${i.current.asOf}）` : '（暂无数据）'}</Typography.Text>
                  </Typography.Text>
                  {i.current.evidence ? <Typography.Text type="secondary">佐证：{i.current.evidence}</Typography.Text> : null}
                  {i.computation ? <Typography.Text type="secondary">计算：{INDICATOR_COMPUTATION_LABELS[i.computation]}</Typography.Text> : null}
                  {i.description ? <Typography.Text type="secondary">说明：{i.description}</Typography.Text> : null}
                  <Space wrap size={4}>
                    {i.targets.length ? (
                      i.targets.map((t) => (
                        <Tag key={t.id} color={TARGET_COLORS[t.status]} data-testid={`task-indicator-${i.code}-target-${t.deadline}`} data-status={t.status}>
                          {t.deadline} 前 {INDICATOR_COMPARISON_LABELS[t.comparison]} {withUnit(t.value, i.unit)}：{TARGET_STATUS_LABELS[t.status]}
                          {targetValueText(t, i.unit) ? `（${targetValueText(t, i.unit)}）` : ''}
                          {t.note ? `（${t.note}）` : ''}
                        </Tag>
                      ))
                    ) : (
                      <Typography.Text type="secondary">未设目标</Typography.Text>
                    )}
                  </Space>
                </Space>
                <Space wrap>
                  {i.source === IndicatorSource.REPORTED ? (
                    <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(i)} data-testid={`indicator-history-${i.code}`}>
                      历次数值
                    </Button>
                  ) : null}
                  {editable && i.source === IndicatorSource.REPORTED ? (
                    <Button size="small" type="primary" icon={<FormOutlined />} onClick={() => setRecording(i)} data-testid={`indicator-record-${i.code}`}>
                      登记数值
                    </Button>
                  ) : null}
                  {editable ? (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} data-testid={`indicator-edit-${i.code}`}>
                      修改
                    </Button>
                  ) : null}
                  {editable ? (
                    <Popconfirm
                      title="删除该指标？"
                      description="删除后不再显示和填报；已登记的数值和已报送的报告保留。"
                      okText="删除"
                      cancelText="取消"
                      okButtonProps={{ danger: true, ...testId(`indicator-delete-confirm-${i.code}`) }}
                      onConfirm={() => remove(i)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} data-testid={`indicator-delete-${i.code}`}>
                        删除
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {editing !== undefined ? <IndicatorFormModal open task={task} tasks={tasks} indicator={editing} onClose={() => setEditing(undefined)} /> : null}
      <IndicatorValueModal indicator={recording} onClose={() => setRecording(null)} />
      <ValuesDrawer indicator={history} onClose={() => setHistory(null)} />
    </Card>
  );
}

/** Every recorded value of a reported indicator, newest first, with its evidence and who recorded it. */
function ValuesDrawer({ indicator, onClose }: { indicator: IndicatorView | null; onClose: () => void }) {
  const detail = useIndicator(indicator?.id);
  return (
    <Drawer open={indicator !== null} onClose={onClose} width={720} title={indicator ? `${indicator.name}：历次数值` : '历次数值'} data-testid="indicator-values-drawer">
      {indicator ? (
        <Table<IndicatorValueRecord>
          rowKey="id"
          size="small"
          loading={detail.isLoading}
          dataSource={detail.data?.values ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="indicator-values"
          columns={[
            { title: '截至日期', dataIndex: 'asOf', width: 110 },
            { title: '数值', width: 130, render: (_v, r) => withUnit(r.value, indicator.unit) },
            { title: '佐证', dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
            { title: '来源', width: 160, render: (_v, r) => (r.reportId ? `进展报告（${r.organizationName ?? '—'}）` : (r.organizationName ?? '—')) },
            { title: '登记时间', width: 150, render: (_v, r) => formatDateTime(r.createdAt) },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
