// 审计日志: paginated audit trail with filters, before/after diff view and chain verification.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, errorMessage, type AuditEntry, type AuditVerifyResult } from '../api';
import { useAuth } from '../auth';
import { formatDateTime } from '../labels';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return <pre className="gk-json">{JSON.stringify(value, null, 2)}</pre>;
}

function Detail({ entry }: { entry: AuditEntry }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>变更前</Typography.Text>
          <Json value={entry.before} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>变更后</Typography.Text>
          <Json value={entry.after} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: '0.86em' }}>
        记录哈希：<Typography.Text code copyable>{entry.hash}</Typography.Text>
      </Typography.Text>
    </Space>
  );
}

export default function Audit() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  // Applied filters, and the text currently typed in the filter inputs.
  const [entityType, setEntityType] = useState('');
  const [action, setAction] = useState('');
  const [entityTypeInput, setEntityTypeInput] = useState('');
  const [actionInput, setActionInput] = useState('');
  const [unitNames, setUnitNames] = useState<Map<string, string>>(new Map());
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const r = await api.listAudit({
        page,
        pageSize,
        entityType: entityType.trim() || undefined,
        action: action.trim() || undefined,
      });
      setItems(r.items);
      setTotal(r.total);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [page, pageSize, entityType, action]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    api
      .listUnits(me.permissions.includes('units.manage'))
      .then((r) => setUnitNames(new Map(r.items.map((u) => [String(u.id), u.name]))))
      .catch(() => undefined);
  }, [me.permissions]);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api.verifyAudit());
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setVerifying(false);
    }
  };

  const applyEntityType = (v: string) => {
    setEntityTypeInput(v);
    setEntityType(v);
    setPage(1);
  };
  const applyAction = (v: string) => {
    setActionInput(v);
    setAction(v);
    setPage(1);
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string, e) => v || (e.actorId === null ? '系统' : '—') },
    {
      title: '单位',
      dataIndex: 'unitId',
      width: 160,
      render: (v: AuditEntry['unitId']) => (v === null ? '—' : (unitNames.get(String(v)) ?? `#${String(v)}`)),
    },
    {
      title: '动作',
      dataIndex: 'action',
      width: 150,
      render: (v: string) => (
        <Tag style={{ cursor: 'pointer' }} onClick={() => applyAction(v)} title="按此动作筛选">
          {v}
        </Tag>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      width: 180,
      render: (_, e) => (
        <span>
          <Typography.Link onClick={() => applyEntityType(e.entityType)} title="按此对象类型筛选">
            {e.entityType}
          </Typography.Link>
          <Typography.Text type="secondary"> #{e.entityId}</Typography.Text>
        </span>
      ),
    },
    { title: '摘要', dataIndex: 'summary' },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>审计日志</h1>}
      extra={
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()}>
          校验完整性
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="对象类型"
          placeholder="对象类型，如 unit"
          allowClear
          value={entityTypeInput}
          onChange={(e) => (e.target.value ? setEntityTypeInput(e.target.value) : applyEntityType(''))}
          onSearch={applyEntityType}
          style={{ width: 200 }}
        />
        <Input.Search
          aria-label="动作"
          placeholder="动作，如 unit.update"
          allowClear
          value={actionInput}
          onChange={(e) => (e.target.value ? setActionInput(e.target.value) : applyAction(''))}
          onSearch={applyAction}
          style={{ width: 220 }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey={(e) => String(e.id)}
        columns={columns}
        dataSource={items}
        loading={loading}
        size="small"
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (e) => <Detail entry={e} /> }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
      />
      <Modal
        title="审计日志完整性校验"
        open={verify !== null}
        onCancel={() => setVerify(null)}
        footer={<Button onClick={() => setVerify(null)}>关闭</Button>}
        width={640}
      >
        {verify && verify.ok && (
          <Alert type="success" showIcon title="校验通过" description={`已校验 ${verify.checked} 条记录，哈希链完整，未发现篡改。`} />
        )}
        {verify && !verify.ok && (
          <>
            <Alert
              type="error"
              showIcon
              title="校验未通过"
              description={`已校验 ${verify.checked} 条记录，发现 ${verify.problems.length} 处问题。`}
              style={{ marginBottom: 16 }}
            />
            <Table
              size="small"
              rowKey={(p) => `${p.seq}-${p.problem}`}
              dataSource={verify.problems}
              pagination={false}
              scroll={{ y: 320 }}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 90, render: (v: number) => <Tag color="red">{v}</Tag> },
                { title: '问题', dataIndex: 'problem' },
              ]}
            />
          </>
        )}
      </Modal>
    </Card>
  );
}
