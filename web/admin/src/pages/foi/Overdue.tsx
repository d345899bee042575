// 逾期督办: overdue applications per unit (district office sees every unit) and the list.
import { useEffect, useState } from 'react';
import { Alert, Card, Space, Table } from 'antd';
import { navigate } from '../../router';
import { DaysLeft } from './Applications';
import { STATUS_LABELS, errText, foiApi, type Summary } from './foiApi';

export default function Overdue() {
  const [data, setData] = useState<{ byUnit: Array<{ unitId: number; unitName: string; overdue: number }>; items: Summary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void foiApi.overdue().then(setData).catch((e) => setError(errText(e))), []);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="逾期未答复（按单位）" loading={!data}>
        <Table rowKey="unitId" size="small" pagination={false} dataSource={data?.byUnit ?? []} columns={[{ title: '单位', dataIndex: 'unitName' }, { title: '逾期件数', dataIndex: 'overdue' }]} />
      </Card>
      <Card title="逾期申请" loading={!data}>
        <Table
          rowKey="id"
          dataSource={data?.items ?? []}
          columns={[
            { title: '申请编号', dataIndex: 'number', render: (v: string, r: Summary) => <a href={`/admin/foi?id=${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/foi?id=${r.id}`); }}>{v}</a> },
            { title: '单位', dataIndex: 'unitName' },
            { title: '状态', dataIndex: 'status', render: (v: string) => STATUS_LABELS[v] ?? v },
            { title: '答复期限', dataIndex: 'dueDate' },
            { title: '逾期', dataIndex: 'workingDaysLeft', render: (v: number | null) => <DaysLeft n={v} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
