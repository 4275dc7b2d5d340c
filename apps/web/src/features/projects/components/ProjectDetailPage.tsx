import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Radio, Result, Select, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
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
  REVIEW_STAGE_LABELS,
  ReviewAction,
  ReviewStage,
  reviewStepLabel,
  Role,
  type ProjectDetail,
  type ProjectReviewInput,
} from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useCurrentUser } from '../../../lib/auth-context';
import { NeedFormModal } from '../../financing-needs';
import { downloadAttachment } from '../api/projects-api';
import { useProject, useProjectAction, useReview, useUploadAttachment } from '../hooks/use-projects';
import { ProjectStatusTag, wan } from '../../../components/project-labels';
import { validated } from '../../../lib/form-errors';

/** The API's limits: an opinion up to 1000 characters; up to 20 return reasons of 2–500 characters each. */
const OPINION_MAX = 1000;
const REASONS_MAX = 20;

type Decision = 'approve' | 'return';

/** A return's reasons: one per line of the opinion. */
const reasonLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * 审核: one decision form for the project's current reviewer — the decision (pass on / list, or
 * return) and the opinion — confirmed with what will happen and who will be told. 受理 (taking the
 * project up, so that the submitter can no longer withdraw it) is optional.
 */
function ReviewPanel({ project }: { project: ProjectDetail }) {
  const { message } = App.useApp();
  const review = useReview(project.id);
  const [form] = Form.useForm<{ decision: Decision; opinion?: string }>();
  const decision = Form.useWatch('decision', form);
  const [confirming, setConfirming] = useState<{ decision: Decision; opinion: string } | null>(null);
  const county = project.reviewStage === ReviewStage.COUNTY;
  const department = project.departmentName ?? '行业主管部门';
  const enterprise = project.enterprise.name ?? '企业';
  const told = project.submittedByOrgId !== project.enterpriseOrgId && project.submittedByName ? `${enterprise}和${project.submittedByName}` : enterprise;
  const approveLabel = county ? `初审通过，报送${department}` : '通过，列入绿色项目库';
  const failed = (e: unknown) => message.error(e instanceof ApiError && e.status === 409 ? `${errorMessage(e)}（页面已刷新）` : errorMessage(e));

  const start = () =>
    review.mutate({ action: ReviewAction.START_REVIEW, version: project.version }, { onSuccess: () => message.success('已受理，企业不能再撤回；审核后请提交审核决定'), onError: failed });

  const ask = async () => {
    const v = await validated(form);
    if (!v) return;
    setConfirming({ decision: v.decision, opinion: v.opinion?.trim() ?? '' });
  };

  const decide = () => {
    if (!confirming) return;
    const { decision: d, opinion } = confirming;
    const body: ProjectReviewInput =
      d === 'return'
        ? { action: ReviewAction.RETURN, version: project.version, reasons: reasonLines(opinion).map((m) => ({ message: m })) }
        : { action: county ? ReviewAction.PASS : ReviewAction.LIST, version: project.version, comment: opinion || undefined };
    review.mutate(body, {
      onSuccess: (after) => {
        message.success(
          d === 'return'
            ? `已退回，${told}已收到退回理由；修改后重新提交，项目将回到审核队列`
            : county
              ? `初审通过，项目已报送${after.reviewerName ?? department}审核，该单位已收到待审核通知`
              : `已审核通过，项目已列入绿色项目库，${told}已收到入库通知`,
        );
        setConfirming(null);
        form.resetFields();
      },
      onError: (e) => {
        setConfirming(null);
        failed(e);
      },
    });
  };

  const consequence = (c: { decision: Decision; opinion: string }) => {
    if (c.decision === 'return') return `项目将退回${told}修改，对方将收到退回通知和下列理由；修改后重新提交，项目重新进入审核。`;
    if (county) return `项目将报送${department}审核，该部门将收到待审核通知${c.opinion ? '，附您的审核意见' : ''}；${enterprise}可在项目页看到进度。`;
    return `项目将列入湛江市绿色项目库：${told}将收到入库通知${c.opinion ? '（附审核意见）' : ''}；项目已共享的融资需求随即对匹配的金融机构可见。`;
  };

  return (
    <Card size="small" title={`审核（${county ? '县区初审' : '行业主管部门审核'}）`} data-testid="review-panel" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }}>
        <Form.Item name="decision" label="审核决定" rules={[{ required: true, message: '请选择审核决定' }]}>
          <Radio.Group
            options={[
              { value: 'approve', label: approveLabel },
              { value: 'return', label: '退回修改' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="opinion"
          label={decision === 'return' ? '退回理由（每行一条）' : '审核意见（选填）'}
          extra={decision === 'return' ? `将随退回通知发给${told}，最多${REASONS_MAX}条` : county ? `将随待审核通知发给${department}` : `将随入库通知发给${told}`}
          rules={
            decision === 'return'
              ? [
                  { required: true, whitespace: true, message: '请填写退回理由' },
                  {
                    validator: async (_, v: string | undefined) => {
                      const lines = reasonLines(v);
                      if (lines.length > REASONS_MAX) throw new Error(`退回理由最多${REASONS_MAX}条（每行一条）`);
                      if (lines.some((l) => l.length < 2)) throw new Error('每条退回理由至少2个字');
                      if (lines.some((l) => l.length > 500)) throw new Error('每条退回理由不能超过500个字');
                    },
                  },
                ]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={OPINION_MAX} showCount placeholder={decision === 'return' ? '如：总投资与可研报告不一致，请核实' : '如：材料齐全，同意'} data-testid="review-opinion" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" onClick={ask} loading={review.isPending} data-testid="review-decide">
            提交审核决定
          </Button>
          {project.status === 'SUBMITTED' ? (
            <Button onClick={start} loading={review.isPending} data-testid="review-start">
              受理
            </Button>
          ) : null}
        </Space>
      </Form>
      <Modal
        open={!!confirming}
        title={confirming?.decision === 'return' ? '退回修改？' : county ? `初审通过，报送${department}？` : '审核通过，列入绿色项目库？'}
        okText={confirming?.decision === 'return' ? '确认退回' : county ? '确认报送' : '确认入库'}
        cancelText="返回"
        onOk={decide}
        onCancel={() => setConfirming(null)}
        confirmLoading={review.isPending}
        okButtonProps={{ danger: confirming?.decision === 'return', ...testId('review-decision-confirm') }}
        destroyOnHidden
      >
        {confirming ? (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {project.name} · {enterprise}
            </Typography.Paragraph>
            <Typography.Paragraph data-testid="review-consequence">{consequence(confirming)}</Typography.Paragraph>
            {confirming.decision === 'return' ? (
              <ul>
                {reasonLines(confirming.opinion).map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            ) : confirming.opinion ? (
              <Typography.Paragraph>审核意见：{confirming.opinion}</Typography.Paragraph>
            ) : null}
          </>
        ) : null}
      </Modal>
    </Card>
  );
}

/** The review timeline: each step named by what happened (reviewStepLabel), never as a status going back. */
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
              <Space wrap>
                <Typography.Text strong>{reviewStepLabel(e)}</Typography.Text>
                <Typography.Text type="secondary">
                  {e.actorOrgName ?? ''} {e.actorName ?? ''}
                </Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              </Space>
            }
            description={
              <>
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
    action.mutate(
      { action: a, version: p.version },
      {
        onSuccess: (after) =>
          message.success(
            a === 'submit'
              ? `已提交审核，等待${after.reviewerName ?? '审核单位'}${after.reviewStage ? REVIEW_STAGE_LABELS[after.reviewStage] : '审核'}；结果会通知您`
              : a === 'withdraw'
                ? '已撤回，项目回到草稿，可修改后重新提交'
                : '已归档',
          ),
      },
    );

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
