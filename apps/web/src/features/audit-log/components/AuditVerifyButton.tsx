import { Alert, Button } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { formatNumber } from '../../../lib/format';
import { useAuditVerify } from '../hooks/use-audit-log';

/** 校验链条: asks the server to recompute the hash chain and shows the outcome. */
export function AuditVerifyButton() {
  const verify = useAuditVerify();
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isFetching} onClick={() => void verify.refetch()} data-testid="audit-verify">
      校验链条
    </Button>
  );
}

/** The outcome of the last check, above the table. */
export function AuditVerifyResult() {
  const { data, isFetching } = useAuditVerify();
  if (!data || isFetching) return null;
  return data.valid ? (
    <Alert
      type="success"
      showIcon
      className="zj-form-alert"
      title={`审计链条完整：已校验 ${formatNumber(data.checked, 0)} 条记录，未发现篡改。`}
      data-testid="audit-verify-result"
    />
  ) : (
    <Alert
      type="error"
      showIcon
      className="zj-form-alert"
      title={`审计链条已断裂：序号 ${data.brokenAt ?? '?'} 的记录校验失败（共校验 ${formatNumber(data.checked, 0)} 条）。请立即核查。`}
      data-testid="audit-verify-result"
    />
  );
}
