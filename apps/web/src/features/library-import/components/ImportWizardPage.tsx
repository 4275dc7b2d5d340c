import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Progress, Space, Steps, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { IMPORT_MAX_BYTES, ImportJobStatus, ImportMode, ReviewAction, Role, type ImportRowError } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { useCurrentUser } from '../../../lib/auth-context';
import { useBulkReview } from '../../projects';
import { downloadTemplate } from '../api/import-api';
import { useImportJob, useStartImport } from '../hooks/use-import';

const PHASES: Record<string, string> = { reading: '读取文件', validating: '逐行校验', importing: '写入数据', done: '完成' };

/** 批量导入: template download, upload, validation with a per-row error table, confirm, progress. */
export default function ImportWizardPage() {
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [lastMode, setLastMode] = useState<ImportMode | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const start = useStartImport();
  const job = useImportJob(jobId);
  const bulk = useBulkReview();
  const view = job.data?.job;
  const running = start.isPending || view?.status === ImportJobStatus.RUNNING;
  const validated = lastMode === ImportMode.VALIDATE && view?.status === ImportJobStatus.DONE;
  const imported = lastMode !== ImportMode.VALIDATE && view?.status === ImportJobStatus.DONE && !!view.result;
  const step = imported ? 3 : validated ? 2 : file ? 1 : 0;

  const run = (mode: ImportMode) => {
    if (!file) return;
    setFileError(null);
    setLastMode(mode);
    start.mutate(
      { file, mode },
      {
        onSuccess: (a) => setJobId(a.job.id),
        onError: (e) => {
          setJobId(null);
          setFileError(errorMessage(e));
        },
      },
    );
  };

  const passAll = () => {
    const ids = job.data?.projectIds ?? [];
    bulk.mutate(
      { action: ReviewAction.PASS, items: ids.map((id) => ({ id })), comment: '批量导入后县区初审通过' },
      { onSuccess: (r) => message.success(`已报送 ${r.succeeded} 个项目${r.failed ? `，${r.failed} 个未能报送` : ''}`) },
    );
  };

  const percent = view && view.totalRows ? Math.round((view.processedRows / view.totalRows) * 100) : 0;

  return (
    <PageContainer
      title="批量导入"
      description="县（市、区）和行业主管部门用模板批量报送绿色企业、绿色项目和融资需求。先校验、再导入；同一文件重复导入不会产生重复记录。"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate().catch((e) => message.error(errorMessage(e)))} data-testid="import-template">
          下载模板
        </Button>
      }
    >
      <Card size="small">
        <Steps size="small" current={step} items={[{ title: '选择文件' }, { title: '校验' }, { title: '确认导入' }, { title: '完成' }]} style={{ marginBottom: 16 }} />
        <Flex gap={12} align="center" wrap>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              if (f.size > IMPORT_MAX_BYTES) {
                setFileError(`文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setJobId(null);
              setLastMode(null);
              setFileError(null);
              return false;
            }}
          >
            <Button icon={<CloudUploadOutlined />} data-testid="import-upload">
              选择 .xlsx 文件
            </Button>
          </Upload>
          <Typography.Text data-testid="import-file-name">{file ? file.name : '未选择文件'}</Typography.Text>
          <Button type="primary" disabled={!file || running} loading={running && lastMode === ImportMode.VALIDATE} onClick={() => run(ImportMode.VALIDATE)} data-testid="import-validate">
            校验
          </Button>
        </Flex>
        {fileError ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={fileError} data-testid="import-file-error" /> : null}

        {view ? (
          <div style={{ marginTop: 16 }} data-testid="import-progress">
            <Typography.Text>
              {PHASES[view.phase]}：{view.processedRows} / {view.totalRows || '…'} 行
            </Typography.Text>
            <Progress percent={view.status === ImportJobStatus.RUNNING ? percent : 100} status={view.status === ImportJobStatus.FAILED || view.status === ImportJobStatus.REJECTED ? 'exception' : view.status === ImportJobStatus.RUNNING ? 'active' : 'success'} />
            {view.message ? (
              <Alert
                type={view.status === ImportJobStatus.DONE && !view.errorCount ? 'success' : view.status === ImportJobStatus.DONE ? 'warning' : 'error'}
                showIcon
                title={view.message}
                data-testid="import-message"
              />
            ) : null}
          </div>
        ) : null}

        {view && view.errorCount > 0 ? (
          <div style={{ marginTop: 16 }}>
            <Typography.Title level={5}>
              错误明细（共 {view.errorCount} 处{view.errorsTruncated ? '，仅列出前 1000 处' : ''}）
            </Typography.Title>
            <Table<ImportRowError>
              size="small"
              rowKey={(e) => `${e.sheet}-${e.row}-${e.column}`}
              dataSource={view.errors}
              pagination={{ pageSize: 20, size: 'small' }}
              data-testid="import-errors"
              onRow={() => ({ 'data-testid': 'import-error-row' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '工作表', dataIndex: 'sheet', width: 90 },
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '列', dataIndex: 'column', width: 180 },
                { title: '填写内容', dataIndex: 'value', width: 180, render: (v: string | null) => v ?? '' },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          </div>
        ) : null}

        {validated ? (
          <Space style={{ marginTop: 16 }}>
            {view!.errorCount === 0 ? (
              <Button type="primary" onClick={() => run(ImportMode.IMPORT_ALL)} loading={running} data-testid="import-confirm">
                确认导入
              </Button>
            ) : (
              <>
                <Typography.Text type="secondary">请修改文件后重新选择并校验，或：</Typography.Text>
                <Button onClick={() => run(ImportMode.IMPORT_VALID)} loading={running} data-testid="import-valid-only">
                  仅导入无误的行
                </Button>
              </>
            )}
          </Space>
        ) : null}

        {imported && view?.result ? (
          <Card size="small" style={{ marginTop: 16 }} data-testid="import-result">
            <Typography.Paragraph>
              企业：新增 {view.result.enterprises.created}，更新 {view.result.enterprises.updated}；项目：新增 {view.result.projects.created}，更新 {view.result.projects.updated}，未变{' '}
              {view.result.projects.unchanged + view.result.projects.skipped}；融资需求：新增 {view.result.needs.created}
            </Typography.Paragraph>
            {job.data?.notices.length ? <Alert type="info" title={job.data.notices.slice(0, 5).join('；')} /> : null}
            {user.role === Role.COUNTY && (job.data?.projectIds.length ?? 0) > 0 ? (
              <Button type="primary" onClick={passAll} loading={bulk.isPending} disabled={bulk.isSuccess} style={{ marginTop: 8 }} data-testid="import-pass-all">
                本次导入的 {job.data!.projectIds.length} 个项目初审通过，报送行业主管部门
              </Button>
            ) : null}
          </Card>
        ) : null}
      </Card>
    </PageContainer>
  );
}
