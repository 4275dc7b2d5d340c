import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Result, Select, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  ATTACHMENT_KIND_LABELS,
  AttachmentKind,
  FINANCING_INSTRUMENT_LABELS,
  GREEN_BUILDING_STAR_LABELS,
  NEED_STATUS_LABELS,
  PROJECT_SOURCE_LABELS,
  PROJECT_STAGE_LABELS,
  PROJECT_STATUS_LABELS,
  REVIEW_ACTION_LABELS,
  ReviewAction,
  ReviewStage,
  Role,
} from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useCurrentUser } from '../../auth/hooks/auth-context';
import { NeedFormModal } from '../../financing-needs/components/NeedFormModal';
import { downloadAttachment } from '../api/projects-api';
import type { ProjectDetail } from '../api/types';
import { useProject, useProjectAction, useReview, useUploadAttachment } from '../hooks/use-projects';
import { ProjectStatusTag, wan } from './labels';

function ReturnModal({ project, open, onClose }: { project: ProjectDetail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reasons: string; comment?: string }>();
  const review = useReview(project.id);
  const submit = async () => {
    const v = await form.validateFields();
    const reasons = v.reasons
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((message) => ({ message }));
    review.mutate(
      { action: ReviewAction.RETURN, version: project.version, reasons, comment: v.comment },
      {
        onSuccess: () => {
          message.success('已退回');
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  };
  return (
    <Modal title="退回修改" open={open} onCancel={onClose} onOk={submit} okText="退回" confirmLoading={review.isPending} okButtonProps={testId('review-return-confirm')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reasons" label="退回理由（每行一条）" rules={[{ required: true, message: '请填写退回理由' }, { min: 2, message: '理由至少2个字' }]}>
          <Input.TextArea rows={4} placeholder="如：总投资与可研报告不一致，请核实" data-testid="review-return-reasons" />
        </Form.Item>
        <Form.Item name="comment" label="审核意见">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Review buttons for the project's current reviewer. */
function ReviewPanel({ project }: { project: ProjectDetail }) {
  const { message } = App.useApp();
  const review = useReview(project.id);
  const [comment, setComment] = useState('');
  const [returning, setReturning] = useState(false);
  const act = (action: ReviewAction) =>
    review.mutate(
      { action, version: project.version, comment: comment || undefined },
      {
        onSuccess: () => message.success(REVIEW_ACTION_LABELS[action]),
        onError: (e) => message.error(e instanceof ApiError && e.status === 409 ? `${errorMessage(e)}（页面已刷新）` : errorMessage(e)),
      },
    );
  const county = project.reviewStage === ReviewStage.COUNTY;
  return (
    <Card size="small" title={`审核（${county ? '县区初审' : '行业主管部门审核'}）`} data-testid="review-panel" style={{ marginBottom: 16 }}>
      <Input.TextArea rows={2} placeholder="审核意见（选填）" value={comment} onChange={(e) => setComment(e.target.value)} style={{ marginBottom: 8 }} data-testid="review-comment" />
      <Space wrap>
        {project.status === 'SUBMITTED' ? (
          <Button onClick={() => act(ReviewAction.START_REVIEW)} loading={review.isPending} data-testid="review-start">
            受理
          </Button>
        ) : null}
        {county ? (
          <Button type="primary" onClick={() => act(ReviewAction.PASS)} loading={review.isPending} data-testid="review-pass">
            初审通过，报送部门
          </Button>
        ) : (
          <Button type="primary" onClick={() => act(ReviewAction.LIST)} loading={review.isPending} data-testid="review-list">
            审核通过入库
          </Button>
        )}
        <Button danger onClick={() => setReturning(true)} data-testid="review-return">
          退回修改
        </Button>
      </Space>
      <ReturnModal project={project} open={returning} onClose={() => setReturning(false)} />
    </Card>
  );
}

function Timeline({ events }: { events: ProjectDetail['timeline'] }) {
  if (!events.length) return <Empty description="暂无记录" />;
  return (
    <List
      size="small"
      data-testid="project-timeline"
      dataSource={events}
      renderItem={(e) => (
        <List.Item data-testid="timeline-item">
          <List.Item.Meta
            title={
              <Space>
                <Typography.Text strong>{REVIEW_ACTION_LABELS[e.action]}</Typography.Text>
                <Typography.Text type="secondary">
                  {e.actorOrgName ?? ''} {e.actorName ?? ''}
                </Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              </Space>
            }
            description={
              <>
                {e.fromStatus !== e.toStatus ? `${e.fromStatus ? PROJECT_STATUS_LABELS[e.fromStatus] : '—'} → ${PROJECT_STATUS_LABELS[e.toStatus]}` : null}
                {e.comment ? <div>意见：{e.comment}</div> : null}
                {e.reasons?.length ? <div>退回理由：{e.reasons.map((r) => r.message).join('；')}</div> : null}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** 项目详情: fields, categories, needs, attachments, timeline; edit/submit for the submitter; review for the reviewer. */
export default function ProjectDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const query = useProject(id);
  const action = useProjectAction(id ?? '');
  const upload = useUploadAttachment(id ?? '');
  const [needOpen, setNeedOpen] = useState(false);
  const [kind, setKind] = useState<AttachmentKind>(AttachmentKind.FEASIBILITY_STUDY);
  if (query.isLoading) return <Spin />;
  if (query.isError || !query.data) return <Result status="404" title="项目不存在或无权查看" extra={<Link to="/projects">返回项目库</Link>} />;
  const p = query.data;
  const owner = user.organization.id === p.enterpriseOrgId || user.role === Role.BUREAU || user.organization.id === p.submittedByOrgId;
  const run = (a: 'submit' | 'withdraw' | 'archive') =>
    action.mutate({ action: a, version: p.version }, { onSuccess: () => message.success(a === 'submit' ? '已提交审核' : a === 'withdraw' ? '已撤回' : '已归档') });

  return (
    <PageContainer
      title={p.name}
      extra={
        <Space>
          <ProjectStatusTag status={p.status} stage={p.reviewStage} />
          {p.permissions.edit ? (
            <Button onClick={() => navigate(`/projects/${p.id}/edit`)} data-testid="project-edit">
              修改
            </Button>
          ) : null}
          {p.permissions.submit ? (
            <Button type="primary" onClick={() => run('submit')} loading={action.isPending} data-testid="project-submit">
              {p.status === 'RETURNED' ? '修改后重新提交' : '提交审核'}
            </Button>
          ) : null}
          {p.permissions.withdraw ? (
            <Button onClick={() => run('withdraw')} data-testid="project-withdraw">
              撤回
            </Button>
          ) : null}
        </Space>
      }
    >
      {p.status === 'RETURNED' && p.returnReasons?.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="项目已被退回，请按以下理由修改后重新提交"
          description={
            <ul style={{ margin: 0 }} data-testid="return-reasons">
              {p.returnReasons.map((r, i) => (
                <li key={i}>{r.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {p.permissions.review ? <ReviewPanel project={p} /> : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'ent', label: '所属企业', children: user.role === Role.ENTERPRISE ? p.enterprise.name : <Link to={`/enterprises/${p.enterpriseOrgId}`}>{p.enterprise.name}</Link> },
            { key: 'div', label: '所在县区', children: p.divisionName },
            { key: 'loc', label: '项目地点', children: p.location ?? '—' },
            { key: 'stage', label: '项目阶段', children: PROJECT_STAGE_LABELS[p.stage] },
            { key: 'inv', label: '总投资', children: wan(p.totalInvestment) },
            { key: 'period', label: '建设期', children: p.constructionStart || p.constructionEnd ? `${p.constructionStart ?? '—'} 至 ${p.constructionEnd ?? '—'}` : '—' },
            { key: 'cat', label: '绿色产业分类', children: p.categories.map((c) => <Tag key={c.code} color={c.primary ? 'green' : undefined}>{`${c.code} ${c.name ?? ''}${c.primary ? '（主）' : ''}`}</Tag>) },
            { key: 'co2', label: '年减排二氧化碳', children: p.co2AvoidedT ? `${p.co2AvoidedT} 吨` : '—' },
            { key: 'coal', label: '年节约标准煤', children: p.coalSavedTce ? `${p.coalSavedTce} 吨` : '—' },
            { key: 'water', label: '年节水', children: p.waterSavedT ? `${p.waterSavedT} 吨` : '—' },
            { key: 'tags', label: '标签', children: p.tags.length ? p.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—' },
            { key: 'stars', label: '绿色建筑星级', children: p.greenBuildingStars ? GREEN_BUILDING_STAR_LABELS[p.greenBuildingStars] : '—' },
            { key: 'source', label: '来源', children: `${PROJECT_SOURCE_LABELS[p.source]}（${p.submittedByName ?? ''}）` },
            { key: 'reviewer', label: '审核单位', children: p.reviewerName ?? p.departmentName ?? '—' },
            { key: 'listed', label: '入库时间', children: p.listedAt ? formatDateTime(p.listedAt) : '—' },
            { key: 'desc', label: '项目简介', span: 3, children: p.description ?? '—' },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="融资需求"
        style={{ marginBottom: 16 }}
        extra={
          owner && p.status !== 'ARCHIVED' && user.role !== Role.BANK ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setNeedOpen(true)} data-testid="need-create">
              登记融资需求
            </Button>
          ) : null
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.needs}
          data-testid="project-needs"
          locale={{ emptyText: '暂无融资需求' }}
          columns={[
            { title: '金额', dataIndex: 'amount', render: (v: string) => wan(v) },
            { title: '期限', dataIndex: 'termMonths', render: (v: number) => `${v} 个月` },
            { title: '方式', dataIndex: 'instrument', render: (v: keyof typeof FINANCING_INSTRUMENT_LABELS) => FINANCING_INSTRUMENT_LABELS[v] },
            { title: '用途', dataIndex: 'purpose' },
            { title: '最高年利率', dataIndex: 'maxRatePercent', render: (v: string | null) => (v ? `${v}%` : '—') },
            { title: '状态', dataIndex: 'status', render: (v: keyof typeof NEED_STATUS_LABELS) => NEED_STATUS_LABELS[v] },
            { title: '', render: (_: unknown, n: { id: string }) => <Link to={`/financing-needs?open=${n.id}`}>详情</Link> },
          ]}
        />
      </Card>
      <Card size="small" title="附件" style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={p.attachments}
          locale={{ emptyText: '暂无附件' }}
          renderItem={(a) => (
            <List.Item>
              <Button type="link" icon={<PaperClipOutlined />} onClick={() => downloadAttachment(a.id, a.fileName).catch((e) => message.error(errorMessage(e)))}>
                {a.fileName}
              </Button>
              <Typography.Text type="secondary">
                {ATTACHMENT_KIND_LABELS[a.kind as AttachmentKind] ?? a.kind} · {(a.sizeBytes / 1024).toFixed(0)} KB
              </Typography.Text>
            </List.Item>
          )}
        />
        {owner && p.status !== 'ARCHIVED' && user.role !== Role.BANK ? (
          <Space style={{ marginTop: 8 }}>
            <Select value={kind} onChange={setKind} style={{ width: 200 }} options={Object.values(AttachmentKind).map((k) => ({ value: k, label: ATTACHMENT_KIND_LABELS[k] }))} />
            <Upload
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
              showUploadList={false}
              beforeUpload={(f) => {
                upload.mutate({ kind, file: f }, { onSuccess: () => message.success('已上传') });
                return false;
              }}
            >
              <Button loading={upload.isPending}>上传附件（10MB 以内）</Button>
            </Upload>
          </Space>
        ) : null}
      </Card>
      {user.role !== Role.BANK ? (
        <Card size="small" title="审核时间线">
          <Timeline events={p.timeline} />
        </Card>
      ) : null}
      <NeedFormModal open={needOpen} onClose={() => setNeedOpen(false)} projectId={p.id} enterpriseOrgId={p.enterpriseOrgId} />
    </PageContainer>
  );
}
