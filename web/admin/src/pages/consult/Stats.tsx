// 咨询办理统计: per unit received, answered in time, average working days, satisfaction — as simple SVG bar charts and a table.
import { useEffect, useState } from 'react';
import { Alert, Card, Input, Space, Table, Typography } from 'antd';
import { consultApi, errText, type StatRow } from './consultApi';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** Horizontal bars; values are 0..max. Labels and figures are also in the table below. */
export function Bars({ title, rows, max, format }: { title: string; rows: Array<{ label: string; value: number | null }>; max: number; format: (v: number | null) => string }) {
  const row = 26;
  const labelW = 170;
  const width = 620;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption><Typography.Text strong>{title}</Typography.Text></figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${rows.length * row + 10}`} width="100%" style={{ maxWidth: width }}>
        {rows.map((r, i) => {
          const w = Math.max(0, Math.min(1, max ? (r.value ?? 0) / max : 0)) * (width - labelW - 70);
          const y = i * row + 5;
          return (
            <g key={r.label}>
              <text x={labelW - 6} y={y + 16} textAnchor="end" fontSize="13" fill="currentColor">{r.label.slice(0, 12)}</text>
              <rect x={labelW} y={y + 3} width={w} height={18} fill="#0b4f9c" />
              <text x={labelW + w + 6} y={y + 16} fontSize="13" fill="currentColor">{format(r.value)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export default function Stats() {
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [data, setData] = useState<{ total: StatRow; units: StatRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void consultApi.stats(from, to).then((d) => { setData(d); setError(null); }).catch((e) => setError(errText(e)));
  }, [from, to]);
  const units = (data?.units ?? []).filter((u) => u.unitId !== null);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>咨询办理统计</Typography.Title>
      <Space>
        <label>自 <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} aria-label="起始日期" /></label>
        <label>至 <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} aria-label="截止日期" /></label>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {data && (
        <>
          <Alert type="info" message={`全区收到 ${data.total.received} 件，已答复 ${data.total.answered} 件，按时答复率 ${pct(data.total.inTimeRate)}，平均 ${data.total.avgWorkingDays ?? '—'} 个工作日，满意率 ${pct(data.total.satisfactionRate)}`} />
          <Card size="small"><Bars title="各单位收到咨询件数" rows={units.map((u) => ({ label: u.unitName, value: u.received }))} max={Math.max(1, ...units.map((u) => u.received))} format={(v) => String(v ?? 0)} /></Card>
          <Card size="small"><Bars title="按时答复率" rows={units.map((u) => ({ label: u.unitName, value: u.inTimeRate }))} max={1} format={pct} /></Card>
          <Card size="small"><Bars title="平均答复工作日" rows={units.map((u) => ({ label: u.unitName, value: u.avgWorkingDays }))} max={Math.max(1, ...units.map((u) => u.avgWorkingDays ?? 0))} format={(v) => (v === null ? '—' : String(v))} /></Card>
          <Card size="small"><Bars title="满意率" rows={units.map((u) => ({ label: u.unitName, value: u.satisfactionRate }))} max={1} format={pct} /></Card>
          <Table rowKey={(r) => String(r.unitId)} dataSource={[...units, data.total]} pagination={false} columns={[
            { title: '单位', dataIndex: 'unitName' }, { title: '收到', dataIndex: 'received' }, { title: '已答复', dataIndex: 'answered' },
            { title: '按时答复', dataIndex: 'answeredInTime' }, { title: '按时答复率', dataIndex: 'inTimeRate', render: pct },
            { title: '平均工作日', dataIndex: 'avgWorkingDays', render: (v: number | null) => v ?? '—' },
            { title: '满意/基本/不满意', key: 'r', render: (_: unknown, r: StatRow) => `${r.satisfied}/${r.basically}/${r.unsatisfied}` },
            { title: '满意率', dataIndex: 'satisfactionRate', render: pct },
          ]} />
        </>
      )}
    </Space>
  );
}
