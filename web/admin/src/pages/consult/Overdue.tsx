// 超期督办: questions past their reply limit, by unit.
import { useEffect, useState } from 'react';
import { Alert, Space, Table, Tag, Typography } from 'antd';
import { navigate } from '../../router';
import { consultApi, errText, type Summary } from './consultApi';

export default function Overdue() {
  const [data, setData] = useState<{ byUnit: Array<{ unitId: number | null; unitName: string; overdue: number }>; items: Summary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void consultApi.overdue().then(setData).catch((e) => setError(errText(e)));
  }, []);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>超期未答复咨询</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      <Table rowKey={(r) => String(r.unitId)} dataSource={data?.byUnit ?? []} pagination={false} columns={[{ title: '单位', dataIndex: 'unitName' }, { title: '超期件数', dataIndex: 'overdue', render: (v: number) => <Tag color="red">{v}</Tag> }]} />
      <Table rowKey="id" dataSource={data?.items ?? []} columns={[
        { title: '咨询编号', dataIndex: 'number', render: (v: string, r: Summary) => <a href={`/admin/consult?id=${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/consult?id=${r.id}`); }}>{v}</a> },
        { title: '承办单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '待分办' }, { title: '收到日期', dataIndex: 'receivedOn' },
        { title: '答复期限', dataIndex: 'dueOn' }, { title: '超期', dataIndex: 'daysLeft', render: (v: number) => `${-v} 个工作日` },
      ]} />
    </Space>
  );
}
