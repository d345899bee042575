// 依申请公开: list with due dates and working days left; registering applications received offline; detail via ?id=.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { navigate, useSearch } from '../../router';
import { CHANNEL_LABELS, LIMIT_LABELS, STATUS_LABELS, SUBTYPE_LABELS, errText, foiApi, today, type Summary } from './foiApi';
import ApplicationDetail from './ApplicationDetail';

export function DaysLeft({ n }: { n: number | null }) {
  if (n === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (n < 0) return <Tag color="red">逾期 {-n} 个工作日</Tag>;
  return <Tag color={n <= 3 ? 'orange' : 'green'}>剩 {n} 个工作日</Tag>;
}

function RegisterModal({ open, onClose, units }: { open: boolean; onClose: (created?: boolean) => void; units: Array<{ id: number; name: string }> }) {
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('applicantKind', form) as string | undefined;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await foiApi.create({
        ...v,
        legalSubtype: v.applicantKind === 'legal' ? v.legalSubtype : null,
        idType: v.applicantKind === 'legal' ? 'credit_code' : v.idType,
        email: v.email ?? '', address: v.address ?? '',
      });
      modal.success({ title: '已登记', content: `申请编号 ${r.number}，查询码 ${r.trackingCode}（请告知申请人，查询码只显示一次）` });
      form.resetFields();
      onClose(true);
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="登记申请（当面、邮寄、传真）" open={open} onCancel={() => onClose()} onOk={() => void submit()} okText="登记" confirmLoading={busy} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" name="foiRegister" initialValues={{ channel: 'in_person', receivedOn: today(), applicantKind: 'natural', idType: 'resident_id', form: 'paper', delivery: 'post' }}>
        <Form.Item name="unitId" label="受理单位" rules={[{ required: true, message: '请选择受理单位' }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="channel" label="提交渠道" rules={[{ required: true }]}>
          <Select options={Object.entries(CHANNEL_LABELS).filter(([k]) => k !== 'online').map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="receivedOn" label="收到日期（条例第三十一条）" rules={[{ required: true, message: '请填写收到日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="applicantKind" label="申请人类型">
          <Radio.Group options={[{ value: 'natural', label: '自然人' }, { value: 'legal', label: '法人或其他组织' }]} />
        </Form.Item>
        {kind === 'legal' && (
          <Form.Item name="legalSubtype" label="法人或其他组织类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={Object.entries(SUBTYPE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label="姓名或名称" rules={[{ required: true, message: '请填写姓名或名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        {kind !== 'legal' && (
          <Form.Item name="idType" label="证件类型">
            <Select options={[{ value: 'resident_id', label: '居民身份证' }, { value: 'passport', label: '护照' }, { value: 'other_id', label: '其他有效身份证件' }]} />
          </Form.Item>
        )}
        <Form.Item name="idNumber" label={kind === 'legal' ? '统一社会信用代码' : '证件号码'} rules={[{ required: true, message: '请填写证件号码' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label="通信地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label="所需信息描述" rules={[{ required: true, min: 5, message: '请具体描述所需信息（至少 5 个字）' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="form" label="载体形式">
          <Radio.Group options={[{ value: 'paper', label: '纸质' }, { value: 'electronic', label: '电子' }]} />
        </Form.Item>
        <Form.Item name="delivery" label="获取方式">
          <Radio.Group options={[{ value: 'post', label: '邮寄' }, { value: 'collect', label: '当面领取' }, { value: 'electronic', label: '电子送达' }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function Applications() {
  const id = Number(new URLSearchParams(useSearch()).get('id')) || null;
  return id ? <ApplicationDetail id={id} /> : <ApplicationList />;
}

function ApplicationList() {
  const [items, setItems] = useState<Summary[]>([]);
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setItems((await foiApi.list({ status, overdue, q })).items);
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
    void foiApi.units().then((r) => setUnits(r.items)).catch(() => undefined);
  }, []);

  const columns: ColumnsType<Summary> = [
    { title: '申请编号', dataIndex: 'number', render: (v: string, r) => <a href={`/admin/foi?id=${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/foi?id=${r.id}`); }}>{v}</a> },
    { title: '申请人', dataIndex: 'applicantName', render: (v: string, r) => <>{v}{r.legalSubtype ? <Typography.Text type="secondary">（{SUBTYPE_LABELS[r.legalSubtype]}）</Typography.Text> : null}</> },
    { title: '受理单位', dataIndex: 'unitName' },
    { title: '状态', dataIndex: 'status', render: (v: string) => <Tag>{STATUS_LABELS[v] ?? v}</Tag> },
    { title: '收到日期', dataIndex: 'receivedOn', render: (v: string | null) => v ?? '待受理' },
    { title: '答复期限', dataIndex: 'dueDate', render: (v: string | null) => v ?? '—' },
    { title: '剩余', dataIndex: 'workingDaysLeft', render: (v: number | null) => <DaysLeft n={v} /> },
    { title: '最近期限', dataIndex: 'nextLimit', render: (l: Summary['nextLimit']) => (l ? `${LIMIT_LABELS[l.kind] ?? l.kind} ${l.dueOn}` : '—') },
  ];

  return (
    <Card
      title="依申请公开"
      extra={
        <Space wrap>
          <Button icon={<PlusOutlined />} type="primary" onClick={() => setRegistering(true)}>
            登记申请
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label="按状态筛选" allowClear placeholder="全部状态" style={{ width: 180 }} value={status} onChange={setStatus} options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        <Input.Search aria-label="搜索申请编号或申请人" placeholder="申请编号或申请人" allowClear onSearch={setQ} style={{ width: 240 }} />
        <Space>
          <Switch checked={overdue} onChange={setOverdue} aria-label="只看逾期" />
          <span>只看逾期</span>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table rowKey="id" columns={columns} dataSource={items} loading={loading} pagination={{ pageSize: 50 }} />
      <RegisterModal open={registering} units={units} onClose={(created) => { setRegistering(false); if (created) void load(); }} />
    </Card>
  );
}
