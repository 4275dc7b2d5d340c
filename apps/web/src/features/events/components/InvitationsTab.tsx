import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, List, Row, Select, Space, Switch, Tag, TreeSelect, Typography } from 'antd';
import { EventStatus, LIVE_EVENT_STATUSES, ORG_TYPE_LABELS, OrgType, type EventDetailView, type InvitationFilter, type InvitationPreview, type TaxonomyNode } from '@zj/shared';
import { handleFormError, validated } from '../../../lib/form-errors';
import { testId } from '../../../lib/test-id';
import { isCountyLevel, useDivisions, useTaxonomyTree } from '../../reference';
import { usePreviewInvitations, useSendInvitations } from '../hooks/use-events';
import { InviteeSelect } from './InviteeSelect';

const TAXONOMY_VERSION = 'GIC-2019';
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

interface Values {
  divisionCodes?: string[];
  categoryCode?: string;
  minGreenGrade?: string;
  withOpenNeeds?: boolean;
  needAmountMin?: string;
  needAmountMax?: string;
  allBanks?: boolean;
  bankOrganizationIds?: string[];
  organizationIds?: string[];
}

type TreeOption = { value: string; title: string; children?: TreeOption[] };
function toTree(nodes: TaxonomyNode[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.code, title: `${n.code} ${n.name}`, children: n.children?.length ? toTree(n.children as TaxonomyNode[]) : undefined }));
}

/** The form's values as the API's filter: empty fields left out. */
function toFilter(v: Values): InvitationFilter {
  const f: InvitationFilter = {};
  if (v.divisionCodes?.length) f.divisionCodes = v.divisionCodes;
  if (v.categoryCode) {
    f.categoryCode = v.categoryCode;
    f.taxonomyVersion = TAXONOMY_VERSION;
  }
  if (v.minGreenGrade) f.minGreenGrade = v.minGreenGrade;
  if (v.withOpenNeeds) f.withOpenNeeds = true;
  if (v.needAmountMin?.trim()) f.needAmountMin = v.needAmountMin.trim();
  if (v.needAmountMax?.trim()) f.needAmountMax = v.needAmountMax.trim();
  if (v.allBanks) f.allBanks = true;
  else if (v.bankOrganizationIds?.length) f.bankOrganizationIds = v.bankOrganizationIds;
  if (v.organizationIds?.length) f.organizationIds = v.organizationIds;
  return f;
}

/**
 * 邀请 (bureau): enterprises picked with the library's own filters (county, category, green grade,
 * open financing needs and their amounts) and banks; the count is shown before sending.
 */
export function InvitationsTab({ event: e }: { event: EventDetailView }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const tree = useTaxonomyTree(TAXONOMY_VERSION);
  const divisions = useDivisions();
  const divisionOptions = divisions.filter(isCountyLevel).map((d) => ({ value: d.code, label: d.name }));
  const treeData = useMemo(() => toTree(tree.data ?? []), [tree.data]);
  const preview = usePreviewInvitations();
  const send = useSendInvitations();
  const [shown, setShown] = useState<{ filter: InvitationFilter; result: InvitationPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allBanks = Form.useWatch('allBanks', form);
  const withNeeds = Form.useWatch('withOpenNeeds', form);
  const open = e.status === EventStatus.DRAFT || LIVE_EVENT_STATUSES.includes(e.status);

  const runPreview = async () => {
    const v = await validated(form);
    if (!v) return;
    const filter = toFilter(v);
    setError(null);
    if (!Object.keys(filter).length) {
      setError('请至少设置一项条件（区县、行业分类、绿色等级、融资需求、金融机构或指定机构）');
      return;
    }
    try {
      setShown({ filter, result: await preview.mutateAsync({ id: e.id, filter }) });
    } catch (err) {
      setShown(null);
      setError(handleFormError(form, err));
    }
  };

  const confirmSend = () => {
    if (!shown) return;
    const { result, filter } = shown;
    const total = result.enterprises + result.banks + result.others;
    const fresh = total - result.alreadyInvited;
    modal.confirm({
      title: `向 ${fresh} 家机构发送邀请？`,
      content: (
        <div data-testid="invite-confirm-body">
          <p>
            将邀请企业 {result.enterprises} 家、金融机构 {result.banks} 家{result.others ? `、其他单位 ${result.others} 家` : ''}
            {result.alreadyInvited ? `；其中 ${result.alreadyInvited} 家已受邀，不重复通知` : ''}。
          </p>
          <p>
            {e.status === EventStatus.DRAFT
              ? '活动尚未发布：这些机构先列入受邀名单，活动发布时其用户收到邀请（附报名链接）。'
              : '这些机构的用户将立即收到邀请（站内信和邮件，附报名链接），并在活动开始前一天、一小时收到提醒。'}
          </p>
        </div>
      ),
      okText: '发送邀请',
      cancelText: '返回',
      okButtonProps: testId('invite-send-confirm'),
      onOk: async () => {
        try {
          const r = await send.mutateAsync({ id: e.id, filter });
          message.success(e.status === EventStatus.DRAFT ? `已将 ${r.added} 家机构列入受邀名单，共 ${r.inviteeCount} 家` : `已向 ${r.added} 家机构发送邀请，共邀请 ${r.inviteeCount} 家`);
          setShown(null);
        } catch (err) {
          setError(handleFormError(form, err));
        }
      },
    });
  };

  if (!open) return <Alert type="info" showIcon message="活动已结束或已取消，不能再邀请。" />;

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card size="small" title="按企业库条件邀请企业">
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="invite-error" /> : null}
          <Form form={form} layout="vertical" onValuesChange={() => setShown(null)} initialValues={{ withOpenNeeds: false, allBanks: false }}>
            <Form.Item name="divisionCodes" label="区县">
              <Select mode="multiple" allowClear placeholder="不限" options={divisionOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="invite-divisions" />
            </Form.Item>
            <Form.Item name="categoryCode" label="绿色产业分类" extra="选大类即包括其下各小类（《绿色产业指导目录（2019年版）》）">
              <TreeSelect allowClear treeData={treeData} showSearch={{ treeNodeFilterProp: 'title' }} placeholder="不限" loading={tree.isLoading} data-testid="invite-category" />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="minGreenGrade" label="绿色等级不低于">
                  <Select allowClear placeholder="不限" options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: `${g} 级` }))} data-testid="invite-grade" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="withOpenNeeds" label="有待对接的融资需求" valuePropName="checked">
                  <Switch checkedChildren="仅这些企业" unCheckedChildren="不限" data-testid="invite-open-needs" />
                </Form.Item>
              </Col>
            </Row>
            {withNeeds ? (
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="needAmountMin" label="需求金额不低于（万元）" rules={[{ pattern: AMOUNT, message: '需求金额应为数字，最多两位小数' }]}>
                    <Input placeholder="如 100" data-testid="invite-amount-min" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="needAmountMax"
                    label="需求金额不高于（万元）"
                    dependencies={['needAmountMin']}
                    rules={[
                      { pattern: AMOUNT, message: '需求金额应为数字，最多两位小数' },
                      ({ getFieldValue }) => ({
                        validator: (_r, v: string | undefined) => {
                          const min = getFieldValue('needAmountMin') as string | undefined;
                          return !v || !min || Number(v) >= Number(min) ? Promise.resolve() : Promise.reject(new Error('需求金额上限应不低于下限'));
                        },
                      }),
                    ]}
                  >
                    <Input placeholder="如 5000" data-testid="invite-amount-max" />
                  </Form.Item>
                </Col>
              </Row>
            ) : null}
            <Typography.Title level={5}>金融机构</Typography.Title>
            <Form.Item name="allBanks" valuePropName="checked">
              <Switch checkedChildren="邀请全部金融机构" unCheckedChildren="指定金融机构" data-testid="invite-all-banks" />
            </Form.Item>
            {allBanks ? null : (
              <Form.Item name="bankOrganizationIds">
                <InviteeSelect fixedType={OrgType.FINANCIAL_INSTITUTION} testIdBase="invite-banks" placeholder="输入名称搜索金融机构" hint={(n) => `已选 ${n} 家金融机构`} />
              </Form.Item>
            )}
            <Form.Item name="organizationIds" label="另行指定的机构">
              <InviteeSelect testIdBase="invite-orgs" hint={(n) => `已选 ${n} 家（如 政府部门、指定的企业）`} />
            </Form.Item>
            <Button onClick={runPreview} loading={preview.isPending} data-testid="invite-preview">
              预览人数
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title="邀请预览">
          {shown ? (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="invite-preview-result">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="企业">
                  <span data-testid="invite-count-enterprises">{shown.result.enterprises}</span> 家
                </Descriptions.Item>
                <Descriptions.Item label="金融机构">
                  <span data-testid="invite-count-banks">{shown.result.banks}</span> 家
                </Descriptions.Item>
                {shown.result.others ? <Descriptions.Item label="其他单位">{shown.result.others} 家</Descriptions.Item> : null}
                <Descriptions.Item label="其中已受邀">{shown.result.alreadyInvited} 家（不重复通知）</Descriptions.Item>
              </Descriptions>
              {shown.result.sample.length ? (
                <List
                  size="small"
                  header={<Typography.Text type="secondary">部分名单</Typography.Text>}
                  dataSource={shown.result.sample}
                  renderItem={(o) => (
                    <List.Item>
                      {o.name} <Tag>{ORG_TYPE_LABELS[o.type as OrgType] ?? o.type}</Tag>
                    </List.Item>
                  )}
                />
              ) : null}
              <Button
                type="primary"
                disabled={shown.result.enterprises + shown.result.banks + shown.result.others - shown.result.alreadyInvited <= 0}
                onClick={confirmSend}
                loading={send.isPending}
                data-testid="invite-send"
              >
                发送邀请
              </Button>
            </Space>
          ) : (
            <Typography.Text type="secondary">设置条件后点「预览人数」，确认人数后再发送邀请。</Typography.Text>
          )}
        </Card>
        <Card size="small" title={`已邀请（${e.inviteeCount} 家）`} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">受邀名单见「概况」；也可在「修改活动」中逐一增减受邀机构。</Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}
