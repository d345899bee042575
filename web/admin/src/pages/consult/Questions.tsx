// 政策咨询办理: list (own unit or district), staff entry of questions from other channels, detail via ?id=.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { navigate, useSearch } from '../../router';
import { useCan } from '../../auth';
import { CHANNELS, STATUSES, TOPICS, consultApi, errText, today, type Summary } from './consultApi';
import QuestionDetail from './QuestionDetail';

export function DaysLeft({ s }: { s: Pick<Summary, 'daysLeft' | 'overdue' | 'status'> }) {
  if (!['unassigned', 'processing', 'in_review', 'reopened'].includes(s.status)) return <Typography.Text type="secondary">—</Typography.Text>;
  if (s.overdue) return <Tag color="red">超期 {-s.daysLeft} 个工作日</Tag>;
  return <Tag color={s.daysLeft <= 1 ? 'orange' : 'green'}>剩 {s.daysLeft} 个工作日</Tag>;
}

export default function Questions() {
  const id = Number(new URLSearchParams(useSearch()).get('id')) || null;
  return id ? <QuestionDetail id={id} /> : <QuestionList />;
}

function RegisterModal({ open, onClose, units }: { open: boolean; onClose: (created?: boolean) => void; units: Array<{ id: number; name: string }> }) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await consultApi.create({ ...v, phone: v.phone ?? '', email: '', name: v.name ?? '', policyTitle: v.policyTitle ?? '', consentPublish: Boolean(v.consentPublish) });
      modal.success({ title: '已登记', content: `咨询编号 ${r.number}，查询码 ${r.trackingCode}（请告知咨询人，查询码只显示一次）` });
      form.resetFields();
      onClose(true);
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="登记咨询（电话、现场、政务新媒体等）" open={open} onCancel={() => onClose()} onOk={() => void submit()} okText="登记" confirmLoading={busy} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" name="consultRegister" initialValues={{ channel: 'phone', receivedOn: today() }}>
        <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="channel" label="咨询渠道" rules={[{ required: true }]}>
          <Select options={Object.entries(CHANNELS).filter(([k]) => k !== 'portal').map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请填写收到日期' }]}><Input type="date" /></Form.Item>
        <Form.Item name="topic" label="咨询主题" rules={[{ required: true, message: '请选择主题' }]}><Select options={TOPICS.map((t) => ({ value: t, label: t }))} /></Form.Item>
        <Form.Item name="policyTitle" label="相关政策"><Input maxLength={200} /></Form.Item>
        <Form.Item name="question" label="咨询内容" rules={[{ required: true, min: 10, message: '咨询内容至少 10 个字' }]}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
        <Form.Item name="name" label="称呼"><Input maxLength={50} /></Form.Item>
        <Form.Item name="phone" label="联系电话"><Input maxLength={30} /></Form.Item>
        <Form.Item name="consentPublish" valuePropName="checked"><Checkbox>咨询人同意去除个人信息后公开问答</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}

function SettingsCard({ units }: { units: Array<{ id: number; name: string }> }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  useEffect(() => {
    void consultApi.settings(unitId ?? 0).then((s) => form.setFieldsValue({ replyDays: s.replyDays, reviewRequired: s.reviewRequired })).catch(() => undefined);
  }, [unitId, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await consultApi.saveSettings({ unitId: v.unitId ?? 0, replyDays: Number(v.replyDays), reviewRequired: Boolean(v.reviewRequired) });
      message.success('已保存');
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <Card size="small" title="答复时限设置">
      <Form form={form} layout="inline" name="consultSettings" initialValues={{ unitId: 0 }} onFinish={() => void save()}>
        <Form.Item name="unitId" label="适用范围"><Select style={{ width: 220 }} options={[{ value: 0, label: '全区默认' }, ...units.map((u) => ({ value: u.id, label: u.name }))]} showSearch optionFilterProp="label" /></Form.Item>
        <Form.Item name="replyDays" label="答复时限（工作日）" rules={[{ required: true }]}><Input type="number" min={1} max={30} style={{ width: 90 }} /></Form.Item>
        <Form.Item name="reviewRequired" label="答复须审核" valuePropName="checked"><Switch /></Form.Item>
        <Button htmlType="submit">保存</Button>
      </Form>
    </Card>
  );
}

function QuestionList() {
  const [items, setItems] = useState<Summary[]>([]);
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [reminders, setReminders] = useState<Array<{ questionId: number; number: string; kind: string; dueOn: string }>>([]);
  const canAssign = useCan('consult.assign');
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setItems((await consultApi.list({ status, overdue, q })).items);
      setReminders((await consultApi.reminders()).items);
    } catch (e) {
      setError(errText(e));
    } finally {
      setLoading(false);
    }
  }, [status, overdue, q]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void consultApi.units().then((r) => setUnits(r.items)).catch(() => undefined);
  }, []);
  const columns: ColumnsType<Summary> = [
    { title: '咨询编号', dataIndex: 'number', render: (v: string, r) => <a href={`/admin/consult?id=${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/consult?id=${r.id}`); }}>{v}</a> },
    { title: '主题', dataIndex: 'topic' },
    { title: '内容', dataIndex: 'questionExcerpt', ellipsis: true },
    { title: '渠道', dataIndex: 'channelLabel' },
    { title: '承办单位', dataIndex: 'unitName', render: (v: string | null) => v ?? <Tag color="orange">待分办</Tag> },
    { title: '经办人', dataIndex: 'handlerName', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'statusLabel', render: (v: string, r) => <Tag>{v}{r.round > 1 ? '（第二次答复）' : ''}</Tag> },
    { title: '答复期限', dataIndex: 'dueOn' },
    { title: '剩余', key: 'left', render: (_: unknown, r) => <DaysLeft s={r} /> },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>政策咨询办理</Typography.Title>
      {reminders.length > 0 && <Alert type="warning" showIcon message={`催办提醒 ${reminders.length} 条：${reminders.slice(0, 5).map((r) => `${r.number}（${r.kind === 'overdue' ? '已超期' : '即将到期'}，${r.dueOn}）`).join('；')}`} />}
      {error && <Alert type="error" showIcon message={error} />}
      <Space wrap>
        <Select allowClear placeholder="全部状态" style={{ width: 180 }} value={status} onChange={setStatus} options={Object.entries(STATUSES).map(([value, label]) => ({ value, label }))} aria-label="状态筛选" />
        <Space><Switch checked={overdue} onChange={setOverdue} aria-label="只看超期" />只看超期</Space>
        <Input.Search placeholder="编号或内容" allowClear onSearch={setQ} style={{ width: 240 }} aria-label="搜索咨询" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>刷新</Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>登记咨询</Button>
      </Space>
      <Table rowKey="id" loading={loading} dataSource={items} columns={columns} pagination={{ pageSize: 20 }} />
      {canAssign && <SettingsCard units={units} />}
      <RegisterModal open={registering} units={units} onClose={(c) => { setRegistering(false); if (c) void load(); }} />
    </Space>
  );
}
