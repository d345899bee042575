// 单位管理: tree table of units with create/edit drawer (units.manage).
import { useCallback, useEffect, useMemo, useState, type Key } from 'react';
import { Alert, Button, Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Unit } from '../api';
import { UNIT_KIND_COLORS, UNIT_KIND_LABELS } from '../labels';
import { buildUnitTree, type UnitNode } from '../unitTree';
import UnitFormDrawer, { type UnitDrawerState } from '../components/UnitFormDrawer';

function allParentKeys(nodes: UnitNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.children) {
      out.push(String(n.id));
      allParentKeys(n.children, out);
    }
  }
  return out;
}

function matches(u: Unit, q: string): boolean {
  return [u.name, u.shortName, u.creditCode, u.docCodePrefix].some((f) => f?.toLowerCase().includes(q));
}

export default function Units() {
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [showInactive, setShowInactive] = useState(true);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [drawer, setDrawer] = useState<UnitDrawerState>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const { items } = await api.listUnits(true);
      setUnits(items);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const tree = useMemo(() => {
    const q = search.trim().toLowerCase();
    const visible = units.filter((u) => (showInactive || u.active) && (!q || matches(u, q)));
    return buildUnitTree(visible);
  }, [units, showInactive, search]);

  // Expand everything whenever the visible tree changes (load, filter, search).
  useEffect(() => setExpanded(allParentKeys(tree)), [tree]);

  const columns: ColumnsType<UnitNode> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      width: 360,
      render: (name: string, u) => (
        <>
          <Typography.Text strong={u.parentId === null}>{name}</Typography.Text>
          {u.isDemo && (
            <Tag color="gold" style={{ marginInlineStart: 8 }}>
              演示数据
            </Tag>
          )}
        </>
      ),
    },
    { title: '简称', dataIndex: 'shortName', width: 110 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 130,
      render: (k: Unit['kind']) => <Tag color={UNIT_KIND_COLORS[k]}>{UNIT_KIND_LABELS[k] ?? k}</Tag>,
    },
    { title: '机关代字', dataIndex: 'docCodePrefix', width: 110, render: (v: string | null) => v || '—' },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      width: 190,
      render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
    },
    { title: '排序', dataIndex: 'sortOrder', width: 70 },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', unit: u })}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setDrawer({ mode: 'create', parentId: u.id })}>
            新增下级
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>单位管理</h1>}
      extra={
        <Space wrap>
          <Input.Search
            aria-label="搜索单位"
            placeholder="名称、简称、代码"
            allowClear
            onSearch={setSearch}
            onChange={(e) => !e.target.value && setSearch('')}
            style={{ width: 220 }}
          />
          <Space size={4}>
            <Switch checked={showInactive} onChange={setShowInactive} size="small" aria-label="显示已停用单位" />
            <span>显示已停用</span>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create', parentId: null })}>
            新增单位
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<UnitNode>
        rowKey={(u) => String(u.id)}
        columns={columns}
        dataSource={tree}
        loading={loading}
        pagination={false}
        size="middle"
        scroll={{ x: 1000 }}
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded([...keys]) }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        共 {units.length} 个单位，其中启用 {units.filter((u) => u.active).length} 个
      </Typography.Paragraph>
      <UnitFormDrawer
        state={drawer}
        units={units}
        onClose={() => setDrawer(null)}
        onSaved={() => {
          setDrawer(null);
          void load();
        }}
      />
    </Card>
  );
}
