import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { COLLATERAL_KIND_LABELS, COUNTY_LEVEL_DIVISIONS, CollateralKind, ENTERPRISE_SIZE_LABELS, EnterpriseSize, PRODUCT_TAGS, PRODUCT_TYPE_LABELS, ProductType, RATE_KIND_LABELS, RateKind, type ProductView } from '@zj/shared';
import { handleFormError, validated } from '../../../lib/form-errors';
import { amountWan, numberRule, rangeHint, ratePercent, wholeNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { CATEGORY_TREE_VERSION, CategoryTreeSelect } from '../../reference';
import { useSaveProduct } from '../hooks/use-products';

interface Values {
  name: string;
  type: ProductType;
  description: string;
  minAmount?: string;
  maxAmount?: string;
  minTermMonths?: number;
  maxTermMonths?: number;
  rateKind: RateKind;
  rateMinPercent?: string;
  rateMaxPercent?: string;
  lprBasisPointsMin?: number;
  lprBasisPointsMax?: number;
  collateralAccepted: CollateralKind[];
  categoryPrefixes: string[];
  counties: string[];
  enterpriseSizes: EnterpriseSize[];
  minGreenGrade?: string;
  tags: string[];
  contactName?: string;
  contactPhone?: string;
}

const MIN_AMOUNT = amountWan('最低额度（万元）');
const MAX_AMOUNT = amountWan('最高额度（万元）');
const MIN_TERM = wholeNumber('最短期限（月）', 1, 600, { unit: '个月' });
const MAX_TERM = wholeNumber('最长期限（月）', 1, 600, { unit: '个月' });
const RATE_MIN = ratePercent('年利率下限（%）', { required: true });
const RATE_MAX = ratePercent('年利率上限（%）');
const LPR_MIN = wholeNumber('LPR 加点下限（基点）', -500, 2000, { unit: '个基点', required: true });
const LPR_MAX = wholeNumber('LPR 加点上限（基点）', -500, 2000, { unit: '个基点' });

/** Create or edit a product (eligible categories chosen from the 绿色产业指导目录（2019年版） tree, any level). */
export function ProductFormModal({ product, open, onClose }: { product?: ProductView | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useSaveProduct();
  const { message } = App.useApp();
  const rateKind = Form.useWatch('rateKind', form);
  const initial: Partial<Values> = product
    ? { ...product, minAmount: product.minAmount ?? undefined, maxAmount: product.maxAmount ?? undefined, minTermMonths: product.minTermMonths ?? undefined, maxTermMonths: product.maxTermMonths ?? undefined, rateMinPercent: product.rateMinPercent ?? undefined, rateMaxPercent: product.rateMaxPercent ?? undefined, lprBasisPointsMin: product.lprBasisPointsMin ?? undefined, lprBasisPointsMax: product.lprBasisPointsMax ?? undefined, minGreenGrade: product.minGreenGrade ?? undefined, contactName: product.contactName ?? undefined, contactPhone: product.contactPhone ?? undefined, categoryPrefixes: product.categoryRules.map((r) => r.prefix), collateralAccepted: product.collateralAccepted as CollateralKind[], enterpriseSizes: product.enterpriseSizes as EnterpriseSize[] }
    : { type: ProductType.LOAN, rateKind: RateKind.FIXED, collateralAccepted: [], counties: [], enterpriseSizes: [], tags: [], categoryPrefixes: [] };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const { categoryPrefixes, ...rest } = v;
    const body = {
      ...rest,
      minAmount: v.minAmount || null,
      maxAmount: v.maxAmount || null,
      rateMinPercent: v.rateMinPercent || null,
      rateMaxPercent: v.rateMaxPercent || null,
      minGreenGrade: v.minGreenGrade || null,
      categoryRules: (categoryPrefixes ?? []).map((prefix) => ({ version: CATEGORY_TREE_VERSION, prefix })),
    };
    try {
      await save.mutateAsync({ id: product?.id, version: product?.version, body });
      message.success(product ? '已保存' : '已创建产品草稿');
      onClose();
    } catch (e) {
      // The categories are chosen in one tree: the server's categoryRules[i] errors go under it.
      handleFormError(form, e, { toast: true, aliases: { categoryRules: 'categoryPrefixes' } });
    }
  };

  return (
    <Modal open={open} title={product ? '修改产品' : '新建产品'} onCancel={onClose} onOk={submit} confirmLoading={save.isPending} width={720} destroyOnHidden okButtonProps={testId('product-save')}>
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="name" label="产品名称" rules={[{ required: true, min: 2, max: 100 }]}>
          <Input data-testid="product-name-input" />
        </Form.Item>
        <Form.Item name="type" label="产品类型" rules={[{ required: true }]}>
          <Select options={Object.values(ProductType).map((t) => ({ value: t, label: PRODUCT_TYPE_LABELS[t] }))} />
        </Form.Item>
        <Form.Item name="description" label="产品介绍" rules={[{ required: true, message: '发布前须填写产品介绍' }]}>
          <Input.TextArea rows={3} data-testid="product-description-input" />
        </Form.Item>
        <Form.Item label="额度（万元）" style={{ marginBottom: 0 }}>
          <Form.Item name="minAmount" rules={[numberRule(MIN_AMOUNT)]} extra={rangeHint(MIN_AMOUNT)} style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
            <Input placeholder="最低" data-testid="product-min-amount" />
          </Form.Item>
          <Form.Item name="maxAmount" rules={[numberRule(MAX_AMOUNT)]} extra={rangeHint(MAX_AMOUNT)} style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}>
            <Input placeholder="最高" data-testid="product-max-amount" />
          </Form.Item>
        </Form.Item>
        <Form.Item label="期限（月）" style={{ marginBottom: 0 }}>
          <Form.Item name="minTermMonths" rules={[numberRule(MIN_TERM)]} extra={rangeHint(MIN_TERM)} style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
            <InputNumber placeholder="最短" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="maxTermMonths" rules={[numberRule(MAX_TERM)]} extra={rangeHint(MAX_TERM)} style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}>
            <InputNumber placeholder="最长" style={{ width: '100%' }} data-testid="product-max-term" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="rateKind" label="利率方式">
          <Select options={Object.values(RateKind).map((k) => ({ value: k, label: RATE_KIND_LABELS[k] }))} />
        </Form.Item>
        {rateKind === RateKind.FIXED ? (
          <Form.Item label="年利率（%）" style={{ marginBottom: 0 }}>
            <Form.Item name="rateMinPercent" rules={[numberRule(RATE_MIN)]} extra={rangeHint(RATE_MIN)} style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
              <Input placeholder="下限，如 3.10" data-testid="product-rate-min" />
            </Form.Item>
            <Form.Item name="rateMaxPercent" rules={[numberRule(RATE_MAX)]} extra={rangeHint(RATE_MAX)} style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}>
              <Input placeholder="上限，如 3.60" />
            </Form.Item>
          </Form.Item>
        ) : null}
        {rateKind === RateKind.LPR_PLUS ? (
          <Form.Item label="LPR 加点（基点）" style={{ marginBottom: 0 }}>
            <Form.Item name="lprBasisPointsMin" rules={[numberRule(LPR_MIN)]} extra={rangeHint(LPR_MIN)} style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
              <InputNumber placeholder="下限" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="lprBasisPointsMax" rules={[numberRule(LPR_MAX)]} extra={rangeHint(LPR_MAX)} style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}>
              <InputNumber placeholder="上限" style={{ width: '100%' }} />
            </Form.Item>
          </Form.Item>
        ) : null}
        <Form.Item name="collateralAccepted" label="接受的担保方式（不选为信用）">
          <Select mode="multiple" options={Object.values(CollateralKind).map((c) => ({ value: c, label: COLLATERAL_KIND_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="categoryPrefixes" label="支持的绿色类别" extra="从《绿色产业指导目录（2019年版）》中选择；选一级或二级类别即包含其下全部类别；不选为不限">
          <CategoryTreeSelect pick="any" data-testid="product-categories" />
        </Form.Item>
        <Form.Item name="counties" label="服务区县（不选为全市）">
          <Select mode="multiple" allowClear options={COUNTY_LEVEL_DIVISIONS.map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="enterpriseSizes" label="企业规模（不选为不限）">
          <Select mode="multiple" options={Object.values(EnterpriseSize).map((s) => ({ value: s, label: ENTERPRISE_SIZE_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="minGreenGrade" label="最低绿色评级">
          <Select allowClear options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: `${g} 级及以上` }))} />
        </Form.Item>
        <Form.Item name="tags" label="标签">
          <Select mode="tags" options={PRODUCT_TAGS.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="contactName" label="联系人">
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
