// 解读情况 (district.supervise): per unit, policies released, interpreted, missing, and the lag
// from a policy's release to its first interpretation — as a table and an SVG bar chart.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Typography, theme } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { pubApi, type LagRow } from './api';
import { useRefData } from './refData';

type Row = LagRow & { unitName: string };

function LagChart({ rows }: { rows: Row[] }) {
  const { token } = theme.useToken();
  const data = rows.filter((r) => r.averageLagDays !== null);
  if (!data.length) return <Typography.Paragraph type="secondary">暂无已发布的解读，无法计算滞后天数。</Typography.Paragraph>;
  const max = Math.max(1, ...data.map((r) => r.averageLagDays!));
  const labelW = 200;
  const barW = 420;
  const rowH = 32;
  const width = labelW + barW + 80;
  const height = data.length * rowH + 8;
  const desc = data.map((r) => `${r.unitName}：平均 ${r.averageLagDays} 天`).join('；');
  return (
    <svg
      role="img"
      aria-labelledby="lag-chart-title lag-chart-desc"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width, display: 'block' }}
    >
      <title id="lag-chart-title">各单位政策解读平均滞后天数</title>
      <desc id="lag-chart-desc">{desc}</desc>
      {data.map((r, i) => {
        const y = i * rowH + 4;
        const w = Math.max(2, (r.averageLagDays! / max) * barW);
        return (
          <g key={r.unitId}>
            <text x={labelW - 8} y={y + rowH / 2} textAnchor="end" dominantBaseline="middle" fill={token.colorText} fontSize={14}>
              {r.unitName.length > 13 ? `${r.unitName.slice(0, 12)}…` : r.unitName}
            </text>
            <rect x={labelW} y={y + 6} width={w} height={rowH - 12} fill={token.colorPrimary} rx={2} />
            <text x={labelW + w + 6} y={y + rowH / 2} dominantBaseline="middle" fill={token.colorText} fontSize={14}>
              {`${r.averageLagDays} 天`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export default function InterpretationLag() {
  const ref = useRefData();
  const [year, setYear] = useState<number | undefined>(new Date().getFullYear());
  const [items, setItems] = useState<LagRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setItems((await pubApi.interpretationLag(year)).items);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [year]);

  useEffect(() => {
    void load();
  }, [load]);

  const rows = useMemo<Row[]>(
    () =>
      items
        .map((r) => ({ ...r, unitName: ref.unitName(r.unitId) }))
        .sort((a, b) => (b.averageLagDays ?? -1) - (a.averageLagDays ?? -1) || b.missing - a.missing),
    [items, ref],
  );
  const thisYear = new Date().getFullYear();

  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>解读情况</h1>}
      extra={
        <Space>
          <Select
            aria-label="年份"
            value={year ?? 0}
            onChange={(v) => setYear(v === 0 ? undefined : v)}
            style={{ width: 120 }}
            options={[{ value: 0, label: '全部年份' }, ...Array.from({ length: 6 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        滞后天数：政策文件发布到其第一篇政策解读发布之间的天数；「缺少解读」为须解读而尚无已发布解读的文件数。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Title level={2} style={{ fontSize: '1em' }}>
        平均滞后天数
      </Typography.Title>
      {!loading && <LagChart rows={rows} />}
      <Typography.Title level={2} style={{ fontSize: '1em', marginTop: 24 }}>
        各单位明细
      </Typography.Title>
      <Table<Row>
        rowKey="unitId"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '所选年份没有已发布的政策文件' }}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          { title: '已发布政策文件', dataIndex: 'policies', width: 130, align: 'right' },
          { title: '已解读', dataIndex: 'interpreted', width: 90, align: 'right' },
          {
            title: '缺少解读',
            dataIndex: 'missing',
            width: 100,
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
          { title: '平均滞后（天）', dataIndex: 'averageLagDays', width: 130, align: 'right', render: (v: number | null) => v ?? '—' },
          { title: '最长滞后（天）', dataIndex: 'maxLagDays', width: 130, align: 'right', render: (v: number | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
