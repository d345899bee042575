// 栏目管理 (columns.manage): the column tree with each column's update duty; create and edit.
import { useEffect, useMemo, useState, type Key } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { unitSelectOptions } from '../../unitTree';
import { unitOptionRender } from '../../components/unitOptionRender';
import { pubApi, type Column, type ColumnInput } from './api';
import { useRefData } from './refData';
import { applyServerError } from './editorShared';

export const COLUMN_KINDS: Record<string, string> = {
  policy: '政策文件',
  interpretation: '政策解读',
  notice: '通知公告',
  news: '工作动态',
  domain: '重点领域',
  topic: '专题',
  catalog: '公开目录',
};

export const DUTY_KINDS: Record<string, string> = {
  none: '无固定要求',
  days: '至少每 N 天更新',
  months: '至少每 N 个月更新',
  workdays_after_change: '信息形成或变更后 N 个工作日内更新',
};

const DUTY_UNIT: Record<string, string> = { days: '天', months: '个月', workdays_after_change: '个工作日' };

type Node = Column & { children?: Node[] };

function buildTree(columns: Column[]): Node[] {
  const byId = new Map<number, Node>(columns.map((c) => [c.id, { ...c }]));
  const roots: Node[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId === null ? undefined : byId.get(n.parentId);
    if (parent && parent !== n) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  const sort = (ns: Node[]) => {
    ns.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    ns.forEach((n) => n.children && sort(n.children));
  };
  sort(roots);
  return roots;
}

type Editing = { mode: 'create'; parentId: number | null } | { mode: 'edit'; column: Column } | null;

const FIELDS = ['name', 'kind', 'parentId', 'unitId', 'dutyKind', 'dutyValue', 'description', 'sortOrder', 'active'];

type Open = Exclude<Editing, null>;

/** Create/edit dialog, mounted afresh for each opening (its form starts from the column as it is now). */
function ColumnModal(props: { editing: Open; data: ReturnType<typeof useRefData>; onClose: () => void; onSaved: () => Promise<void> }) {
  const { editing, data: ref, onClose, onSaved } = props;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<ColumnInput>();
  const dutyKind = Form.useWatch('dutyKind', form);

  const unitOptions = useMemo(() => unitSelectOptions(ref.units), [ref.units]);
  const parentOptions = useMemo(
    () =>
      ref.columns
        .filter((c) => editing.mode !== 'edit' || c.id !== editing.column.id)
        .map((c) => ({ value: c.id, label: c.name })),
    [ref.columns, editing],
  );

  const initial = (): Partial<ColumnInput> =>
    editing.mode === 'edit'
      ? { ...editing.column }
      : { parentId: editing.mode === 'create' ? editing.parentId : null, unitId: null, kind: 'notice', dutyKind: 'none', dutyValue: 0, description: '', sortOrder: 0, active: true };

  const save = async () => {
    // Field errors are shown on the form.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const input: ColumnInput = { ...v, dutyValue: v.dutyKind === 'none' ? 0 : (v.dutyValue ?? 0), description: v.description ?? '', parentId: v.parentId ?? null, unitId: v.unitId ?? null };
    setSaving(true);
    setError(null);
    try {
      if (editing.mode === 'edit') await pubApi.updateColumn(editing.column.id, input);
      else await pubApi.createColumn(input);
      await onSaved();
    } catch (err) {
      const m = applyServerError(form, err, FIELDS);
      if (m && /更新要求/.test(m)) form.setFields([{ name: 'dutyValue', errors: [m] }]);
      else setError(m);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing.mode === 'edit' ? `编辑栏目：${editing.column.name}` : '新建栏目'}
      open
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="column" initialValues={initial()}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label="栏目名称" rules={[{ required: true, min: 2, max: 40, whitespace: true, message: '栏目名称 2～40 字' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
              <Select options={Object.entries(COLUMN_KINDS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="parentId" label="上级栏目">
              <Select allowClear placeholder="（顶级栏目）" options={parentOptions} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitId" label="所属单位" extra="留空为全区栏目">
              <Select allowClear placeholder="全区" options={unitOptions} optionRender={unitOptionRender} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="dutyKind" label="更新要求" rules={[{ required: true }]}>
              <Select options={Object.entries(DUTY_KINDS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="dutyValue"
              label={`N（${DUTY_UNIT[dutyKind ?? ''] ?? '—'}）`}
              rules={dutyKind && dutyKind !== 'none' ? [{ required: true, type: 'number', min: 1, max: 3650, message: '请填写 1～3650 的整数' }] : []}
            >
              <InputNumber min={0} max={3650} precision={0} disabled={!dutyKind || dutyKind === 'none'} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label="说明">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sortOrder" label="排序号" extra="小的在前">
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export default function Columns() {
  const ref = useRefData({ includeInactiveColumns: true });
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);

  const tree = useMemo(() => buildTree(ref.columns), [ref.columns]);
  useEffect(() => {
    setExpanded(ref.columns.filter((c) => ref.columns.some((x) => x.parentId === c.id)).map((c) => c.id));
  }, [ref.columns]);

  const columns: ColumnsType<Node> = [
    { title: '栏目名称', dataIndex: 'name', render: (n: string, c) => <Typography.Text strong={c.parentId === null}>{n}</Typography.Text> },
    { title: '类型', dataIndex: 'kind', width: 100, render: (k: string) => COLUMN_KINDS[k] ?? k },
    { title: '所属', dataIndex: 'unitId', width: 180, render: (u: number | null) => ref.unitName(u) },
    {
      title: '更新要求',
      dataIndex: 'dutyLabel',
      width: 240,
      render: (l: string, c) => (c.dutyKind === 'none' ? <Typography.Text type="secondary">{l}</Typography.Text> : <Tag color="blue">{l}</Tag>),
    },
    { title: '排序', dataIndex: 'sortOrder', width: 70 },
    { title: '状态', dataIndex: 'active', width: 90, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>) },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', column: c })} aria-label={`编辑栏目 ${c.name}`}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'create', parentId: c.id })} aria-label={`在 ${c.name} 下新建子栏目`}>
            新建子栏目
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>栏目管理</h1>}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void ref.reloadColumns()}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: null })}>
            新建栏目
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        更新要求用于网站巡查：动态类栏目一般至少每两周更新，通知公告、政策文件至少每六个月更新；信息形成或变更后 20 个工作日内更新（条例第二十六条）。已停用的栏目不再出现在门户和起草页面，可在此重新启用。
      </Typography.Paragraph>
      {ref.error && <Alert type="error" showIcon title={ref.error} style={{ marginBottom: 16 }} />}
      <Table<Node>
        rowKey="id"
        size="small"
        loading={!ref.columnsLoaded}
        columns={columns}
        dataSource={tree}
        pagination={false}
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (k) => setExpanded([...k]) }}
      />
      {editing && (
        <ColumnModal
          editing={editing}
          data={ref}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            message.success('栏目已保存');
            setEditing(null);
            await ref.reloadColumns();
          }}
        />
      )}
    </Card>
  );
}
