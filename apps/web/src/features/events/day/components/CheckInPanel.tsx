import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Form, Input, List, Radio, Row, Statistic, Table, Tag, Typography, type InputRef } from 'antd';
import { CameraOutlined, CheckCircleOutlined, CloseCircleOutlined, StopOutlined } from '@ant-design/icons';
import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser';
import { CHECK_IN_CODE_LENGTH, ORG_TYPE_LABELS, OrgType, RegistrationStatus, type EventDetailView, type RegistrationView } from '@zj/shared';
import { ApiError } from '../../../../lib/api-client';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime } from '../../../../lib/format';
import { useCheckIn, useRegistrations } from '../hooks/use-event-day';
import { codeFromScan, formatCheckInCode, isCheckInCode, normalizeCheckInCode, timeOf, typedCheckInCode } from './day-format';

interface CheckInResult {
  key: number;
  ok: boolean;
  title: string;
  detail: string;
}

/** Why the camera cannot be used here, or null when the browser offers one. */
function cameraUnavailable(): string | null {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return '当前浏览器无法使用摄像头（须通过 HTTPS 访问，并使用支持摄像头的浏览器）。请在下方输入签到码。';
  }
  return null;
}

function cameraError(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return '未获准使用摄像头：请在浏览器中允许本站使用摄像头后重试，或在下方输入签到码。';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return '未检测到摄像头。请在下方输入签到码。';
  if (name === 'NotReadableError' || name === 'TrackStartError') return '摄像头正被其他程序使用，无法打开。请关闭占用摄像头的程序后重试，或在下方输入签到码。';
  return '无法打开摄像头。请在下方输入签到码。';
}

/** The camera scanner: started by a button, stopped by a button or when the panel closes. */
function Scanner({ onCode }: { onCode: (code: string, raw: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const controlsRef = useRef<IScannerControls | null>(null);
  const mountedRef = useRef(true);
  const onCodeRef = useRef(onCode);
  const [state, setState] = useState<'idle' | 'starting' | 'scanning'>('idle');
  const [problem, setProblem] = useState<string | null>(() => cameraUnavailable());

  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      controlsRef.current?.stop();
      controlsRef.current = null;
    };
  }, []);

  const start = async () => {
    const unavailable = cameraUnavailable();
    if (unavailable || !videoRef.current) {
      setProblem(unavailable);
      return;
    }
    setProblem(null);
    setState('starting');
    try {
      const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 300, delayBetweenScanSuccess: 1500 });
      const controls = await reader.decodeFromVideoDevice(undefined, videoRef.current, (result) => {
        if (!result) return;
        const text = result.getText();
        const code = codeFromScan(text);
        onCodeRef.current(code ?? '', text);
      });
      if (!mountedRef.current) {
        controls.stop();
        return;
      }
      controlsRef.current = controls;
      setState('scanning');
    } catch (e) {
      if (!mountedRef.current) return;
      setProblem(cameraError(e));
      setState('idle');
    }
  };

  const stop = () => {
    controlsRef.current?.stop();
    controlsRef.current = null;
    setState('idle');
  };

  return (
    <Card
      size="small"
      title="扫码签到"
      extra={
        state === 'idle' ? (
          <Button type="primary" icon={<CameraOutlined />} onClick={start} data-testid="check-in-scan-start">
            开始扫码
          </Button>
        ) : (
          <Button icon={<StopOutlined />} onClick={stop} loading={state === 'starting'} data-testid="check-in-scan-stop">
            停止扫码
          </Button>
        )
      }
    >
      {problem ? <Alert type="warning" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="check-in-camera-problem" /> : null}
      <video
        ref={videoRef}
        muted
        playsInline
        style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 6, display: state === 'idle' ? 'none' : 'block' }}
        data-testid="check-in-video"
      />
      {state === 'idle' && !problem ? (
        <Typography.Text type="secondary">点击“开始扫码”后，将参会人手机上的签到二维码对准摄像头，识别后自动签到。</Typography.Text>
      ) : null}
      {state === 'scanning' ? <Typography.Text type="secondary">正在识别二维码…</Typography.Text> : null}
    </Card>
  );
}

type Filter = 'all' | 'in' | 'out';

/**
 * 现场签到 (bureau): a camera scanner for the participants' QR codes, a typed-code input, the result
 * of each check-in, and the registrations with who has arrived.
 */
export default function CheckInPanel({ event }: { event: EventDetailView }) {
  const registrations = useRegistrations(event.id);
  const checkIn = useCheckIn(event.id);
  const [form] = Form.useForm<{ code: string }>();
  const inputRef = useRef<InputRef>(null);
  const [results, setResults] = useState<CheckInResult[]>([]);
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const busy = useRef(false);
  const lastScan = useRef<{ code: string; at: number } | null>(null);
  const seq = useRef(0);

  const all = useMemo(() => registrations.data ?? [], [registrations.data]);
  const expected = useMemo(() => all.filter((r) => r.status === RegistrationStatus.REGISTERED || r.checkedInAt), [all]);
  const byCode = useMemo(() => new Map(all.filter((r) => r.checkInCode).map((r) => [normalizeCheckInCode(r.checkInCode!), r])), [all]);
  const checkedIn = expected.filter((r) => r.checkedInAt).length;
  const noShows = expected.filter((r) => !r.checkedInAt && r.noShow).length;

  const push = (r: Omit<CheckInResult, 'key'>) => setResults((prev) => [{ ...r, key: ++seq.current }, ...prev].slice(0, 8));

  const submit = async (code: string): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    const shown = formatCheckInCode(code);
    try {
      const reg = await checkIn.mutateAsync(code);
      push({ ok: true, title: `${reg.organization.name} 签到成功`, detail: `签到码 ${shown} · ${formatDateTime(reg.checkedInAt ?? new Date().toISOString(), true)}` });
      return true;
    } catch (e) {
      const known = byCode.get(code);
      if (e instanceof ApiError && e.code === 'EVENT_ALREADY_CHECKED_IN') {
        const at = known?.checkedInAt ? `于 ${formatDateTime(known.checkedInAt, true)} ` : '';
        push({ ok: false, title: `${known ? known.organization.name : '该机构'}已${at}签到，无需重复签到`, detail: `签到码 ${shown}` });
      } else if (e instanceof ApiError && e.code === 'EVENT_CHECK_IN_CODE_NOT_FOUND') {
        push({ ok: false, title: '签到码不正确', detail: `${shown} 不是本次活动的签到码，请核对后重新输入或扫码。` });
      } else {
        push({ ok: false, title: '签到失败', detail: errorMessage(e) });
      }
      return false;
    } finally {
      busy.current = false;
    }
  };

  const onScan = (code: string, raw: string) => {
    const now = Date.now();
    const key = code || raw;
    // The camera reads a code many times while it is held up: one attempt until it has been out of view for 5 s.
    const seen = lastScan.current;
    lastScan.current = { code: key, at: now };
    if (seen && seen.code === key && now - seen.at < 5000) return;
    if (!code) {
      push({ ok: false, title: '二维码不是签到码', detail: '请扫描参会回执上的签到二维码，或在下方输入签到码。' });
      return;
    }
    void submit(code);
  };

  const onType = async ({ code }: { code: string }) => {
    if (await submit(normalizeCheckInCode(code))) form.resetFields();
    inputRef.current?.focus();
  };

  const shownRows = expected
    .filter((r) => (filter === 'in' ? !!r.checkedInAt : filter === 'out' ? !r.checkedInAt : true))
    .filter((r) => {
      const q = search.trim();
      if (!q) return true;
      const code = normalizeCheckInCode(q);
      return r.organization.name.includes(q) || (code.length >= 4 && normalizeCheckInCode(r.checkInCode ?? '').includes(code));
    });

  return (
    <Flex vertical gap={16} data-testid="check-in-panel">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Scanner onCode={onScan} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="输入签到码">
            <Form form={form} layout="vertical" onFinish={onType} requiredMark={false}>
              <Form.Item
                name="code"
                label="签到码"
                normalize={typedCheckInCode}
                extra={`${CHECK_IN_CODE_LENGTH} 位字母或数字，格式 XXXX-XXXX-XXXX；短横线可输可不输，不区分大小写。`}
                rules={[
                  { required: true, message: '请输入签到码' },
                  {
                    validator: (_r, v: string | undefined) =>
                      !v || isCheckInCode(normalizeCheckInCode(v)) ? Promise.resolve() : Promise.reject(new Error(`签到码应为 ${CHECK_IN_CODE_LENGTH} 位字母或数字，格式 XXXX-XXXX-XXXX`)),
                  },
                ]}
              >
                <Input
                  ref={inputRef}
                  placeholder="XXXX-XXXX-XXXX"
                  maxLength={CHECK_IN_CODE_LENGTH + 2}
                  autoComplete="off"
                  style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                  data-testid="check-in-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={checkIn.isPending} data-testid="check-in-submit">
                签到
              </Button>
            </Form>
          </Card>
          <Card size="small" title="签到结果" style={{ marginTop: 16 }}>
            {results.length ? (
              <List
                size="small"
                dataSource={results}
                data-testid="check-in-results"
                renderItem={(r) => (
                  <List.Item data-testid="check-in-result" data-ok={r.ok ? 'true' : 'false'}>
                    <List.Item.Meta
                      avatar={r.ok ? <CheckCircleOutlined style={{ color: '#52c41a', fontSize: 18 }} /> : <CloseCircleOutlined style={{ color: '#ff4d4f', fontSize: 18 }} />}
                      title={r.title}
                      description={r.detail}
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="扫码或输入签到码后，结果显示在这里" />
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" title="报名机构签到情况">
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6}>
            <Statistic title="应到（已报名）" value={expected.length} suffix="家" />
          </Col>
          <Col xs={12} md={6}>
            <span data-testid="check-in-count">
              <Statistic title="已签到" value={checkedIn} suffix="家" styles={{ content: { color: '#389e0d' } }} />
            </span>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="未签到" value={expected.length - checkedIn} suffix="家" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="未到（活动开始后仍未签到）" value={noShows} suffix="家" styles={{ content: { color: noShows ? '#cf1322' : undefined } }} />
          </Col>
        </Row>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Radio.Group
            value={filter}
            onChange={(e) => setFilter(e.target.value as Filter)}
            optionType="button"
            options={[
              { value: 'all', label: '全部' },
              { value: 'in', label: '已签到' },
              { value: 'out', label: '未签到' },
            ]}
          />
          <Input.Search allowClear placeholder="按机构名称或签到码查找" style={{ width: 260 }} onChange={(e) => setSearch(e.target.value)} />
        </Flex>
        <Table<RegistrationView>
          rowKey="id"
          size="small"
          loading={registrations.isLoading}
          dataSource={shownRows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="check-in-registrations"
          onRow={(r) => ({ 'data-testid': `check-in-row-${r.organization.id}`, 'data-checked-in': r.checkedInAt ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '机构', render: (_v, r) => r.organization.name },
            { title: '类型', width: 110, render: (_v, r) => ORG_TYPE_LABELS[r.organization.type as OrgType] ?? r.organization.type },
            { title: '联系人', width: 150, render: (_v, r) => [r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—' },
            { title: '签到码', width: 150, render: (_v, r) => <Typography.Text code>{formatCheckInCode(r.checkInCode)}</Typography.Text> },
            {
              title: '签到',
              width: 170,
              render: (_v, r) =>
                r.checkedInAt ? (
                  <Tag color="green" data-testid="check-in-state">已签到 {timeOf(r.checkedInAt)}</Tag>
                ) : r.noShow ? (
                  <Tag color="red" data-testid="check-in-state">未到</Tag>
                ) : (
                  <Tag data-testid="check-in-state">未签到</Tag>
                ),
            },
          ]}
        />
        {registrations.isError ? <Typography.Text type="danger">{errorMessage(registrations.error)}</Typography.Text> : null}
      </Card>
    </Flex>
  );
}
