import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import {
  CREDIT_CODE_PROBLEM_MESSAGES,
  INSTITUTION_KIND_LABELS,
  InstitutionKind,
  ORG_TYPE_LABELS,
  OrgType,
  creditCodeProblem,
  TEXT_LIMITS,
  type OrganizationInput,
  type OrganizationUpdateInput,
  type OrganizationView,
} from '@zj/shared';
import { notifySuccess } from '../../../lib/errors';
import { testId } from '../../../lib/test-id';
import { handleFormError } from '../../../lib/form-errors';
import { counted, lengthRule } from '../../../lib/text-limits';
import { DivisionSelect } from '../../reference';
import { useCreateOrganization, useUpdateOrganization } from '../hooks/use-organizations';

/** The form holds exactly what POST /organizations takes. */
type OrganizationFormValues = OrganizationInput;

interface OrganizationFormModalProps {
  open: boolean;
  /** Absent: create; present: edit this organisation. */
  organization?: OrganizationView | null;
  onClose: () => void;
}

const typeOptions = Object.values(OrgType).map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }));
const kindOptions = Object.values(InstitutionKind).map((k) => ({ value: k, label: INSTITUTION_KIND_LABELS[k] }));

function blankToUndefined(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** 新建机构 / 编辑机构. Type, credit code and institution kind are fixed once created. */
export function OrganizationFormModal({ open, organization, onClose }: OrganizationFormModalProps) {
  const editing = Boolean(organization);
  const [form] = Form.useForm<OrganizationFormValues>();
  const type = Form.useWatch('type', form);
  const name = Form.useWatch('name', form);
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    if (organization) {
      form.setFieldsValue({
        type: organization.type,
        name: organization.name,
        creditCode: organization.creditCode ?? undefined,
        divisionCode: organization.divisionCode ?? undefined,
        institutionKind: organization.institutionKind ?? undefined,
        branchName: organization.branchName ?? undefined,
      });
    }
  }, [open, organization, form]);

  const isFinancial = type === OrgType.FINANCIAL_INSTITUTION;
  const needsDivision = type === OrgType.ENTERPRISE || type === OrgType.COUNTY;
  const renaming = editing && organization && name !== undefined && name.trim() !== organization.name;

  const onError = (e: unknown) => setFormError(handleFormError(form, e));

  const onFinish = (values: OrganizationFormValues) => {
    setFormError(null);
    if (organization) {
      const body: OrganizationUpdateInput = {};
      const newName = values.name.trim();
      if (newName !== organization.name) body.name = newName;
      if (values.divisionCode && values.divisionCode !== organization.divisionCode) body.divisionCode = values.divisionCode;
      const branch = blankToUndefined(values.branchName);
      if (isFinancial && branch && branch !== organization.branchName) body.branchName = branch;
      if (Object.keys(body).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: organization.id, body },
        {
          onSuccess: () => {
            notifySuccess('机构信息已保存');
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const body: OrganizationInput = {
      type: values.type,
      name: values.name.trim(),
      creditCode: blankToUndefined(values.creditCode)?.toUpperCase(),
      divisionCode: values.divisionCode || undefined,
      institutionKind: isFinancial ? values.institutionKind : undefined,
      branchName: isFinancial ? blankToUndefined(values.branchName) : undefined,
    };
    create.mutate(body, {
      onSuccess: () => {
        notifySuccess('机构已创建');
        onClose();
      },
      onError,
    });
  };

  return (
    <Modal
      open={open}
      title={editing ? '编辑机构' : '新建机构'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      mask={{ closable: false }}
      forceRender
      okButtonProps={testId('org-form-submit')}
    >
      {formError ? <Alert type="error" showIcon title={formError} className="zj-form-alert" /> : null}
      <Form<OrganizationFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ type: OrgType.ENTERPRISE }}
        data-testid="org-form"
      >
        <Form.Item name="type" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
          <Select options={typeOptions} disabled={editing} data-testid="org-form-type" />
        </Form.Item>
        <Form.Item
          name="name"
          label="机构名称"
          rules={[
            { required: true, whitespace: true, message: '请输入机构名称' },
            lengthRule('机构名称', TEXT_LIMITS.organizationName),
          ]}
          extra={renaming ? '更名后，原名称将作为曾用名保留，机构的历史记录不受影响。' : undefined}
        >
          <Input {...counted(TEXT_LIMITS.organizationName)} data-testid="org-form-name" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          validateFirst
          rules={[
            { required: !editing && type === OrgType.ENTERPRISE, message: '企业须填写统一社会信用代码' },
            {
              validator: (_, value: string | undefined) => {
                if (editing || !value?.trim()) return Promise.resolve();
                const problem = creditCodeProblem(value);
                return problem ? Promise.reject(new Error(CREDIT_CODE_PROBLEM_MESSAGES[problem])) : Promise.resolve();
              },
            },
          ]}
        >
          <Input disabled={editing} maxLength={20} placeholder="18位代码" data-testid="org-form-credit-code" />
        </Form.Item>
        {needsDivision || (editing && organization?.divisionCode) ? (
          <Form.Item
            name="divisionCode"
            label="所在区划"
            rules={[{ required: needsDivision, message: '请选择所在区划' }]}
          >
            <DivisionSelect scope={type === OrgType.COUNTY ? 'county' : 'all'} data-testid="org-form-division" />
          </Form.Item>
        ) : null}
        {isFinancial ? (
          <>
            <Form.Item name="institutionKind" label="机构类别" rules={[{ required: !editing, message: '请选择机构类别' }]}>
              <Select options={kindOptions} disabled={editing} placeholder="银行、保险机构…" data-testid="org-form-institution-kind" />
            </Form.Item>
            <Form.Item name="branchName" label="分支机构" rules={[lengthRule('分支机构', TEXT_LIMITS.organizationBranch)]}>
              <Input placeholder="如：湛江分行" {...counted(TEXT_LIMITS.organizationBranch)} data-testid="org-form-branch" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
