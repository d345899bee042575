// 信息安全巡查: the latest run's verdicts and charts, findings with follow-up, 立即巡查 with progress, history.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, PrinterOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api';
import { useCan } from '../../auth';
import { KIND_LABELS, RUN_STATUS_LABELS, TRIGGER_LABELS, patrolApi, type Run, type Stats } from './api';
import { HBarChart, StackedUnitChart } from './Charts';
import FindingsTable from './FindingsTable';

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

export default function PatrolDashboard() {
  const canRun = useCan('patrol.run');
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [units, setUnits] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<Run | null>(null);
  const [version, setVersion] = useState(0);
  const timer = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const [r, s] = await Promise.all([patrolApi.runs(), patrolApi.stats()]);
      setRuns(r.items);
      setStats(s);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
    api.listUnits(true).then((r) => setUnits(new Map(r.items.map((u) => [Number(u.id), u.shortName || u.name])))).catch(() => undefined);
    return () => window.clearTimeout(timer.current);
  }, [load]);

  const poll = useCallback((runId: number) => {
    const tick = async () => {
      try {
        const r = await patrolApi.run(runId);
        setActive(r);
        if (r.status === 'running') timer.current = window.setTimeout(() => void tick(), 800);
        else await load();
      } catch (e) {
        setError(errorMessage(e));
      }
    };
    void tick();
  }, [load]);

  // A run started elsewhere (or before a reload) is followed too.
  useEffect(() => {
    const running = runs?.find((r) => r.status === 'running');
    if (running && !active) poll(running.id);
  }, [runs, active, poll]);

  const start = async () => {
    setError(null);
    try {
      const { runId } = await patrolApi.start();
      setActive({ id: runId, trigger: 'manual', status: 'running', progress: 0, stage: '准备', startedAt: new Date().toISOString(), finishedAt: null, error: null, summary: {} });
      poll(runId);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const latest = runs?.find((r) => r.status === 'done') ?? null;
  const unitName = useCallback((id: number | null) => (id === null ? '全区' : (units.get(id) ?? `单位 ${id}`)), [units]);
  const kindsPresent = useMemo(() => {
    const totals: Record<string, number> = {};
    for (const u of stats?.byUnit ?? []) for (const [k, n] of Object.entries(u.counts)) totals[k] = (totals[k] ?? 0) + n;
    return Object.entries(totals).sort((a, b) => b[1] - a[1]).map(([key, value]) => ({ key, label: KIND_LABELS[key] ?? key, value }));
  }, [stats]);
  const running = active?.status === 'running';

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>信息安全巡查</Typography.Title>
      {error ? <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} /> : null}

      <Card
        title="巡查概况"
        loading={!runs}
        extra={
          <Space>
            {latest ? (
              <a href={patrolApi.reportUrl(latest.id)} target="_blank" rel="noopener">
                <PrinterOutlined /> 打印巡查报告（新窗口）
              </a>
            ) : null}
            {canRun ? (
              <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => void start()} disabled={running} loading={running}>
                立即巡查
              </Button>
            ) : null}
          </Space>
        }
      >
        {active ? (
          <div role="status" aria-live="polite" style={{ marginBottom: 16 }}>
            <Typography.Text>
              {`第 ${active.id} 次巡查：${RUN_STATUS_LABELS[active.status] ?? active.status}，${active.stage}，进度 ${active.progress}%`}
            </Typography.Text>
            <Progress percent={active.progress} status={active.status === 'failed' ? 'exception' : active.status === 'done' ? 'success' : 'active'} aria-label="巡查进度" />
            {active.error ? <Alert type="error" showIcon title={`巡查失败：${active.error}`} /> : null}
          </div>
        ) : null}
        {latest ? (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
              { key: 'at', label: '最近一次巡查', children: `第 ${latest.id} 次，${fmt(latest.startedAt)}` },
              { key: 'items', label: '检查信息', children: `${latest.summary.items ?? 0} 条` },
              { key: 'findings', label: '发现问题', children: `${latest.summary.findings ?? 0} 个` },
            ]} />
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>单项否决指标</Typography.Title>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={latest.summary.veto ?? []}
              columns={[
                { title: '指标', dataIndex: 'label' },
                { title: '数量（阈值）', key: 'n', render: (_: unknown, v) => `${v.count}（阈值 ${v.threshold}）` },
                {
                  title: '判定', dataIndex: 'pass',
                  render: (pass: boolean) => (pass
                    ? <Tag color="success" icon={<CheckCircleOutlined />}>通过</Tag>
                    : <Tag color="error" icon={<CloseCircleOutlined />}>不通过（单项否决）</Tag>),
                },
              ]}
            />
          </>
        ) : runs ? <Typography.Text type="secondary">尚无已完成的巡查。</Typography.Text> : null}
      </Card>

      {latest ? (
        <Card title="问题分布">
          <Space wrap size="large" align="start">
            <div>
              <Typography.Title level={3} style={{ fontSize: 15 }}>按问题类型</Typography.Title>
              <HBarChart title="按问题类型统计的巡查问题数" bars={kindsPresent.map((k) => ({ label: k.label, value: k.value }))} />
            </div>
            <div>
              <Typography.Title level={3} style={{ fontSize: 15 }}>按单位</Typography.Title>
              <StackedUnitChart
                title="各单位巡查问题数"
                kinds={kindsPresent}
                rows={(stats?.byUnit ?? []).map((u) => ({ label: unitName(u.unitId), counts: u.counts }))
                  .sort((a, b) => Object.values(b.counts).reduce((x, y) => x + y, 0) - Object.values(a.counts).reduce((x, y) => x + y, 0))}
              />
            </div>
          </Space>
        </Card>
      ) : null}

      {latest ? <FindingsTable key={`${latest.id}-${version}`} runId={latest.id} unitName={unitName} units={units} /> : null}

      <Card title="巡查记录" loading={!runs}>
        <Table
          rowKey="id"
          size="small"
          dataSource={runs ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 80 },
            { title: '开始时间', dataIndex: 'startedAt', render: fmt },
            { title: '方式', dataIndex: 'trigger', render: (v: string) => TRIGGER_LABELS[v] ?? v },
            { title: '状态', dataIndex: 'status', render: (v: string, r) => (v === 'running' ? `进行中 ${r.progress}%` : (RUN_STATUS_LABELS[v] ?? v)) },
            { title: '问题数', key: 'n', render: (_: unknown, r) => (r.status === 'done' ? (r.summary.findings ?? 0) : '—') },
            {
              title: '单项否决', key: 'veto',
              render: (_: unknown, r) => (r.status === 'done' ? ((r.summary.veto ?? []).every((v) => v.pass) ? '全部通过' : `${(r.summary.veto ?? []).filter((v) => !v.pass).length} 项不通过`) : '—'),
            },
            { title: '报告', key: 'report', render: (_: unknown, r) => (r.status === 'done' ? <a href={patrolApi.reportUrl(r.id)} target="_blank" rel="noopener">{`第 ${r.id} 次报告`}</a> : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}
