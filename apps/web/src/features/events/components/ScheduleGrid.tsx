import { useState, type ReactNode } from 'react';
import { App, Alert, Button, Flex, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { CloseOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { MeetingPriority, MeetingStatus, type MeetingView, type ScheduleView } from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { testId } from '../../../lib/test-id';
import { useCancelMeeting, useGridEdit, useLockMeeting, type GridEdit } from '../hooks/use-participation';
import { clock } from './event-labels';

/** The cell under the pointer; by keyboard (no pointer), the cell the card overlaps most. */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};

const cellId = (slotId: string, bankId: string, desk: number) => `${slotId}|${bankId}|${desk}`;
function parseCell(id: string): { slotId: string; bankId: string; desk: number } | null {
  const [slotId, bankId, desk] = id.split('|');
  return slotId && bankId && desk ? { slotId, bankId, desk: Number(desk) } : null;
}

/**
 * The schedule as a slot × desk grid (rows: slots; columns: each bank's desks). The bureau drags a
 * meeting card to another cell of the same bank: onto a free cell it moves, onto a meeting the two
 * swap; a refused edit (409) names the conflict and the card goes back. Locked meetings stay put.
 */
export function ScheduleGrid({ eventId, schedule, editable }: { eventId: string; schedule: ScheduleView; editable: boolean }) {
  const { message } = App.useApp();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor));
  const edit = useGridEdit(eventId);
  const [dragging, setDragging] = useState<MeetingView | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const meetings = schedule.meetings.filter((m) => m.status === MeetingStatus.SCHEDULED);
  const byCell = new Map(meetings.map((m) => [cellId(m.slotId, m.bankOrganizationId, m.desk), m]));
  const columns = schedule.banks.flatMap((b) => Array.from({ length: b.desks }, (_, i) => ({ bank: b, desk: i + 1, officer: b.officers[i]?.name ?? null })));

  const onDragStart = (e: DragStartEvent) => setDragging(meetings.find((m) => m.id === e.active.id) ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const m = meetings.find((x) => x.id === active.id);
    const target = over ? parseCell(String(over.id)) : null;
    if (!m || !target) return;
    if (target.slotId === m.slotId && target.bankId === m.bankOrganizationId && target.desk === m.desk) return;
    if (target.bankId !== m.bankOrganizationId) {
      const text = `与${m.enterpriseName}的会谈属于${m.bankName}，只能移到该机构的桌位`;
      setConflict(text);
      message.warning(text);
      return;
    }
    const other = byCell.get(cellId(target.slotId, target.bankId, target.desk));
    const change: GridEdit = other ? { kind: 'swap', meetingIds: [m.id, other.id] } : { kind: 'move', meetingId: m.id, slotId: target.slotId, desk: target.desk };
    edit.mutate(change, {
      onSuccess: () => {
        setConflict(null);
        message.success(other ? '已交换两场会谈' : '已移动会谈');
      },
      onError: (err) => {
        const text = errorMessage(err);
        setConflict(text);
        message.error(text);
      },
    });
  };

  if (!schedule.slots.length || !columns.length) {
    return <Typography.Text type="secondary">{schedule.slots.length ? '尚无报名成功且设有桌位的金融机构。' : '请先设定洽谈时段。'}</Typography.Text>;
  }

  return (
    <DndContext sensors={sensors} collisionDetection={collision} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
      {conflict ? <Alert type="error" showIcon closable onClose={() => setConflict(null)} message={conflict} style={{ marginBottom: 8 }} data-testid="schedule-conflict" /> : null}
      {editable ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          拖动会谈卡片到同一金融机构的其他格子：空格即移动，有会谈的格子即两场互换；移动或互换过的会谈随之锁定，重新生成日程时保持不动（可解锁）。
        </Typography.Paragraph>
      ) : null}
      <div style={{ overflowX: 'auto' }}>
        <table className="zj-schedule-grid" data-testid="schedule-grid" style={{ borderCollapse: 'collapse', minWidth: '100%' }}>
          <thead>
            <tr>
              <th rowSpan={2} style={HEAD}>
                时段
              </th>
              {schedule.banks.map((b) => (
                <th key={b.organizationId} colSpan={b.desks} style={HEAD} data-testid={`grid-bank-${b.organizationId}`}>
                  {b.name}
                </th>
              ))}
            </tr>
            <tr>
              {columns.map((c) => (
                <th key={`${c.bank.organizationId}-${c.desk}`} style={{ ...HEAD, fontWeight: 400 }}>
                  {c.desk}号桌{c.officer ? ` · ${c.officer}` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {schedule.slots.map((s) => (
              <tr key={s.id}>
                <th style={{ ...HEAD, whiteSpace: 'nowrap' }}>
                  第{s.index}场
                  <br />
                  <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                    {clock(s.startsAt)}–{clock(s.endsAt)}
                  </Typography.Text>
                </th>
                {columns.map((c) => {
                  const id = cellId(s.id, c.bank.organizationId, c.desk);
                  const m = byCell.get(id);
                  return (
                    <Cell key={id} id={id} testid={`cell-${s.index}-${c.bank.organizationId}-${c.desk}`} enabled={editable} sameBank={!dragging || dragging.bankOrganizationId === c.bank.organizationId}>
                      {m ? <MeetingCard eventId={eventId} meeting={m} editable={editable} hidden={dragging?.id === m.id} /> : null}
                    </Cell>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DragOverlay dropAnimation={null}>{dragging ? <CardBody meeting={dragging} /> : null}</DragOverlay>
    </DndContext>
  );
}

const HEAD = { border: '1px solid #f0f0f0', background: '#fafafa', padding: '4px 8px', textAlign: 'center' as const, fontSize: 13 };

function Cell({ id, testid, enabled, sameBank, children }: { id: string; testid: string; enabled: boolean; sameBank: boolean; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id, disabled: !enabled });
  return (
    <td
      ref={setNodeRef}
      data-testid={testid}
      style={{
        border: '1px solid #f0f0f0',
        padding: 4,
        minWidth: 170,
        height: 70,
        verticalAlign: 'top',
        background: isOver ? (sameBank ? '#e6f4ff' : '#fff1f0') : sameBank ? undefined : '#fafafa',
      }}
    >
      {children}
    </td>
  );
}

function CardBody({ meeting: m, actions }: { meeting: MeetingView; actions?: ReactNode }) {
  return (
    <div
      style={{
        border: `1px solid ${m.priority === MeetingPriority.MUST ? '#ffa39e' : '#91caff'}`,
        borderLeft: `4px solid ${m.priority === MeetingPriority.MUST ? '#ff4d4f' : '#1677ff'}`,
        background: '#fff',
        borderRadius: 4,
        padding: '2px 6px',
        fontSize: 12,
        boxShadow: '0 1px 2px rgba(0,0,0,0.06)',
      }}
    >
      <Flex gap={4} justify="space-between" align="start">
        <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0, fontSize: 12 }} title={m.enterpriseName}>
          {m.locked ? <LockOutlined style={{ marginInlineEnd: 4 }} /> : null}
          {m.enterpriseName}
        </Typography.Text>
        {actions}
      </Flex>
      <div>
        {m.priority === MeetingPriority.MUST ? (
          <Tag color="red" style={{ fontSize: 11, lineHeight: '16px', marginInlineEnd: 2 }}>
            必须见面
          </Tag>
        ) : null}
        {m.mutual ? (
          <Tag color="purple" style={{ fontSize: 11, lineHeight: '16px', marginInlineEnd: 2 }}>
            互邀
          </Tag>
        ) : null}
        {m.walkIn ? (
          <Tag color="orange" style={{ fontSize: 11, lineHeight: '16px', marginInlineEnd: 2 }}>
            现场
          </Tag>
        ) : null}
      </div>
    </div>
  );
}

function MeetingCard({ eventId, meeting: m, editable, hidden }: { eventId: string; meeting: MeetingView; editable: boolean; hidden: boolean }) {
  const { message } = App.useApp();
  const { setNodeRef, listeners, attributes } = useDraggable({ id: m.id, disabled: !editable || m.locked });
  const lock = useLockMeeting(eventId);
  const cancel = useCancelMeeting(eventId);
  const toggleLock = () =>
    lock
      .mutateAsync({ meetingId: m.id, locked: !m.locked })
      .then(() => message.success(m.locked ? '已解锁' : '已锁定：重新生成日程时保持不动'))
      .catch((err) => message.error(errorMessage(err)));
  const doCancel = () =>
    cancel
      .mutateAsync(m.id)
      .then(() => message.success('会谈已取消'))
      .catch((err) => message.error(errorMessage(err)));

  const actions = editable ? (
    <Space size={0}>
      <Tooltip title={m.locked ? '解锁' : '锁定（不被移动或重排）'}>
        <Button
          type="text"
          size="small"
          icon={m.locked ? <UnlockOutlined /> : <LockOutlined />}
          loading={lock.isPending}
          onClick={toggleLock}
          aria-label={m.locked ? '解锁会谈' : '锁定会谈'}
          data-testid={`meeting-lock-${m.id}`}
        />
      </Tooltip>
      <Popconfirm
        title="取消这场会谈？"
        description={<div style={{ maxWidth: 280 }}>该时段的桌位空出；日程已发布的，{m.enterpriseName}和{m.bankName}在再次发布日程时收到更新，日历中的会谈随之取消。</div>}
        okText="取消会谈"
        cancelText="返回"
        okButtonProps={{ danger: true, ...testId('meeting-cancel-confirm') }}
        onConfirm={doCancel}
      >
        <Button type="text" size="small" danger icon={<CloseOutlined />} aria-label="取消会谈" data-testid={`meeting-cancel-${m.id}`} />
      </Popconfirm>
    </Space>
  ) : null;

  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      data-testid={`meeting-card-${m.id}`}
      data-enterprise={m.enterpriseOrganizationId}
      data-locked={m.locked}
      aria-label={`${m.enterpriseName} 与 ${m.bankName}，第${m.slotIndex}场 ${m.desk}号桌${m.locked ? '（已锁定）' : ''}`}
      style={{ opacity: hidden ? 0.35 : 1, cursor: editable && !m.locked ? 'grab' : 'default', touchAction: 'none', userSelect: 'none' }}
    >
      <CardBody meeting={m} actions={actions} />
    </div>
  );
}
