// Findings of a run, filterable by kind, unit and follow-up status, with the follow-up actions.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { api, errorMessage } from '../../api';
import { useAuth, useCan } from '../../auth';
import { KIND_LABELS, SEVERITY_LABELS, STATUS_LABELS, patrolApi, type Finding, type FollowupStatus } from './api';

type Action = { finding: Finding; status: 'assigned' | 'fixing' | 'accepted' };
const ACTION_TITLES = { assigned: '分派整改', fixing: '标记为整改中', accepted: '确认无需整改' } as const;

export default function FindingsTable({ runId, unitName, units }: { runId: number; unitName: (id: number | null) => string; units: Map<number, string> }) {
  const { me } = useAuth();
  const canFollow = useCan('patrol.followup');
  const canListUsers = useCan('users.read');
  const [filter, setFilter] = useState<{ kind?: string; unitId?: number; status?: FollowupStatus }>({});
  const [items, setItems] = useState<Finding[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [users, setUsers] = useState<Array<{ value: number; label: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ assigneeId?: number; note?: string }>();

  const load = useCallback(() => {
    setItems(null);
    patrolApi.findings({ runId, ...filter }).then((r) => setItems(r.items)).catch((e) => setError(errorMessage(e)));
  }, [runId, filter]);
  useEffect(load, [load]);

  useEffect(() => {
    const self = [{ value: Number(me.id), label: `${me.displayName}（本人）` }];
    if (!canListUsers) return setUsers(self);
    api.listUsers({}).then((r) => setUsers(r.items.filter((u) => u.active).map((u) => ({ value: Number(u.id), label: `${u.displayName}（${u.unitName}）` })))).catch(() => setUsers(self));
  }, [canListUsers, me]);

  const open = (finding: Finding, status: Action['status']) => {
    form.resetFields();
    form.setFieldsValue({ assigneeId: finding.followup?.assigneeId ?? undefined, note: '' });
    setAction({ finding, status });
  };

  const save = async () => {
    if (!action) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      await patrolApi.followup(action.finding.fingerprint, { status: action.status, assigneeId: values.assigneeId ?? action.finding.followup?.assigneeId ?? null, note: values.note?.trim() ?? '' });
      void message.success(`已${ACTION_TITLES[action.status]}`);
      setAction(null);
      load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const userName = (id: number | null) => (id === null ? '' : (users.find((u) => u.value === id)?.label ?? `用户 ${id}`));

  return (
    <Card title={`第 ${runId} 次巡查发现的问题`}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="问题类型" aria-label="按问题类型筛选" style={{ width: 200 }} value={filter.kind}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} onChange={(kind?: string) => setFilter((f) => ({ ...f, kind }))} />
        <Select allowClear showSearch optionFilterProp="label" placeholder="单位" aria-label="按单位筛选" style={{ width: 200 }} value={filter.unitId}
          options={[...units.entries()].map(([value, label]) => ({ value, label }))} onChange={(unitId?: number) => setFilter((f) => ({ ...f, unitId }))} />
        <Select allowClear placeholder="处理状态" aria-label="按处理状态筛选" style={{ width: 180 }} value={filter.status}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))} onChange={(status?: FollowupStatus) => setFilter((f) => ({ ...f, status }))} />
      </Space>
      {error ? <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '类型', dataIndex: 'kindLabel', width: 140 },
          { title: '程度', dataIndex: 'severity', width: 90, render: (v: string) => <Tag color={v === 'veto' || v === 'high' ? 'error' : 'default'}>{SEVERITY_LABELS[v] ?? v}</Tag> },
          { title: '单位', dataIndex: 'unitId', width: 120, render: (v: number | null) => unitName(v) },
          {
            title: '问题', dataIndex: 'title',
            render: (v: string, f) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{v}</Typography.Text>
                {f.detail ? <Typography.Text type="secondary">{f.detail}</Typography.Text> : null}
                {f.preview ? <Typography.Text code>{f.preview}</Typography.Text> : null}
                {f.place ? <Typography.Text type="secondary">{`位置：${f.place}`}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: '处理状态', key: 'status', width: 170,
            render: (_: unknown, f) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{STATUS_LABELS[f.followup?.status ?? 'open']}</Typography.Text>
                {f.followup?.assigneeId ? <Typography.Text type="secondary">{`负责人：${userName(f.followup.assigneeId)}`}</Typography.Text> : null}
                {f.followup?.note ? <Typography.Text type="secondary">{`说明：${f.followup.note}`}</Typography.Text> : null}
              </Space>
            ),
          },
          ...(canFollow
            ? [{
                title: '操作', key: 'op', width: 230,
                render: (_: unknown, f: Finding) => (
                  <Space size={4} wrap>
                    <Button size="small" onClick={() => open(f, 'assigned')} aria-label={`分派：${f.title}`}>分派</Button>
                    <Button size="small" onClick={() => open(f, 'fixing')} aria-label={`整改中：${f.title}`}>整改中</Button>
                    <Button size="small" onClick={() => open(f, 'accepted')} aria-label={`确认无需整改：${f.title}`}>无需整改</Button>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <Modal
        open={!!action}
        title={action ? ACTION_TITLES[action.status] : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {action ? <Typography.Paragraph>{action.finding.title}</Typography.Paragraph> : null}
        <Form form={form} layout="vertical">
          {action?.status === 'assigned' ? (
            <Form.Item name="assigneeId" label="整改负责人" rules={[{ required: true, message: '请选择整改负责人' }]}>
              <Select showSearch optionFilterProp="label" options={users} placeholder="选择用户" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="note"
            label={action?.status === 'accepted' ? '无需整改的理由' : '说明（可选）'}
            rules={action?.status === 'accepted' ? [{ required: true, whitespace: true, min: 4, message: '确认无需整改时请说明理由（至少 4 个字）' }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
