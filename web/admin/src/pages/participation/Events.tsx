// 列席会议 and 政府开放日: announce, applications and selection, attendance record; registrations, check-in, summary and photos.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { consultApi } from '../consult/consultApi';
import { errText, partApi, today } from './partApi';

type Meeting = Awaited<ReturnType<typeof partApi.meeting>>;
type OpenDay = Awaited<ReturnType<typeof partApi.openDay>>;

function Meetings({ units }: { units: Array<{ id: number; name: string }> }) {
  const [items, setItems] = useState<Awaited<ReturnType<typeof partApi.meetings>>['items']>([]);
  const [m, setM] = useState<Meeting | null>(null);
  const [sel, setSel] = useState<number[]>([]);
  const [creating, setCreating] = useState(false);
  const [opinions, setOpinions] = useState<Record<number, string>>({});
  const [record, setRecord] = useState('');
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const load = useCallback(() => void partApi.meetings().then((r) => setItems(r.items)).catch((e) => message.error(errText(e))), [message]);
  useEffect(load, [load]);
  const show = (id: number) => void partApi.meeting(id).then((x) => { setM(x); setSel(x.applications.filter((a) => a.status === 'selected').map((a) => a.id)); setRecord(x.record); }).catch((e) => message.error(errText(e)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setCreating(true)}>发布列席会议公告</Button>
      <Table rowKey="id" dataSource={items} pagination={false} columns={[
        { title: '会议', dataIndex: 'title', render: (v: string, r: { id: number }) => <a onClick={() => show(r.id)}>{v}</a> },
        { title: '时间', dataIndex: 'meeting_at' }, { title: '名额', dataIndex: 'seats' }, { title: '报名截止', dataIndex: 'apply_end_on' }, { title: '状态', dataIndex: 'status' },
      ]} />
      {m && (
        <Card size="small" title={`${m.title}（名额 ${m.seats}）`}>
          <Table rowKey="id" dataSource={m.applications} pagination={false} rowSelection={m.status === 'announced' ? { selectedRowKeys: sel, onChange: (k) => setSel(k as number[]) } : undefined} columns={[
            { title: '姓名', dataIndex: 'name' }, { title: '电话', dataIndex: 'phone' }, { title: '身份', dataIndex: 'identity' }, { title: '理由', dataIndex: 'reason' },
            { title: '结果', dataIndex: 'status', render: (v: string) => <Tag>{({ applied: '待遴选', selected: '入选', not_selected: '未入选' } as Record<string, string>)[v] ?? v}</Tag> },
            { title: '意见', key: 'o', render: (_: unknown, a: Meeting['applications'][number]) => a.status === 'selected' ? <Input size="small" aria-label={`${a.name}的意见`} defaultValue={a.opinion} onChange={(e) => setOpinions({ ...opinions, [a.id]: e.target.value })} /> : '—' },
          ]} />
          <Space style={{ marginTop: 12 }} wrap>
            {m.status === 'announced' && <Button onClick={() => void partApi.select(m.id, sel).then(() => show(m.id)).catch((e) => message.error(errText(e)))}>确定列席人员</Button>}
            {m.status !== 'announced' && (
              <>
                <Input.TextArea aria-label="会议情况" rows={2} style={{ width: 420 }} value={record} onChange={(e) => setRecord(e.target.value)} placeholder="会议情况" />
                <Button onClick={() => void partApi.record(m.id, { record, attendees: m.applications.filter((a) => a.status === 'selected').map((a) => ({ applicationId: a.id, attended: true, opinion: opinions[a.id] ?? a.opinion })) }).then(() => { message.success('已记录'); show(m.id); }).catch((e) => message.error(errText(e)))}>记录列席情况和意见</Button>
              </>
            )}
          </Space>
        </Card>
      )}
      <Modal title="发布列席会议公告" open={creating} onCancel={() => setCreating(false)} destroyOnHidden onOk={() => void form.validateFields().then((v) => partApi.createMeeting({ ...v, seats: Number(v.seats), announcement: v.announcement ?? '', location: v.location ?? '' }).then(() => { setCreating(false); load(); })).catch((e) => e instanceof Error && message.error(errText(e)))}>
        <Form form={form} layout="vertical" name="meetingCreate" initialValues={{ seats: 3 }}>
          <Form.Item name="unitId" label="单位" rules={[{ required: true }]}><Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item name="title" label="会议名称" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="meetingAt" label="会议时间" rules={[{ required: true }]}><Input type="datetime-local" /></Form.Item>
          <Form.Item name="location" label="地点"><Input /></Form.Item>
          <Form.Item name="topics" label="议题" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="announcement" label="公告"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="applyEndOn" label="报名截止" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="seats" label="名额" rules={[{ required: true }]}><InputNumber min={1} max={50} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function OpenDays({ units }: { units: Array<{ id: number; name: string }> }) {
  const [items, setItems] = useState<Awaited<ReturnType<typeof partApi.openDays>>['items']>([]);
  const [o, setO] = useState<OpenDay | null>(null);
  const [creating, setCreating] = useState(false);
  const [code, setCode] = useState('');
  const [summary, setSummary] = useState('');
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const load = useCallback(() => void partApi.openDays().then((r) => setItems(r.items)).catch((e) => message.error(errText(e))), [message]);
  useEffect(load, [load]);
  const show = (id: number) => void partApi.openDay(id).then((x) => { setO(x); setSummary(x.summary); }).catch((e) => message.error(errText(e)));
  const upload = (file: File | undefined) => {
    if (!o || !file) return;
    const caption = window.prompt('照片说明（供读屏）') ?? '';
    const r = new FileReader();
    r.onload = () => void partApi.photo(o.id, caption, String(r.result).split(',')[1] ?? '').then(() => message.success('已上传')).catch((e) => message.error(errText(e)));
    r.readAsDataURL(file);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setCreating(true)}>发布开放日活动</Button>
      <Table rowKey="id" dataSource={items} pagination={false} columns={[
        { title: '活动', dataIndex: 'title', render: (v: string, r: { id: number }) => <a onClick={() => show(r.id)}>{v}</a> },
        { title: '日期', dataIndex: 'event_on' }, { title: '名额', dataIndex: 'capacity' }, { title: '状态', dataIndex: 'status' },
      ]} />
      {o && (
        <Card size="small" title={`${o.title}（名额 ${o.capacity}）`}>
          <Space wrap>
            <Input aria-label="报名码" placeholder="报名码" value={code} onChange={(e) => setCode(e.target.value)} style={{ width: 160 }} />
            <Button onClick={() => void partApi.checkIn(o.id, code).then(() => { message.success('已签到'); setCode(''); show(o.id); }).catch((e) => message.error(errText(e)))}>签到</Button>
            <label>上传照片 <input type="file" accept="image/jpeg,image/png" onChange={(e) => upload(e.target.files?.[0])} /></label>
          </Space>
          <Table rowKey="id" dataSource={o.registrations} pagination={false} columns={[
            { title: '姓名', dataIndex: 'name' }, { title: '电话', dataIndex: 'phone' }, { title: '报名码', dataIndex: 'code' },
            { title: '状态', dataIndex: 'status', render: (v: string) => <Tag>{({ registered: '已报名', waiting: '候补', cancelled: '已取消' } as Record<string, string>)[v] ?? v}</Tag> },
            { title: '签到', dataIndex: 'checked_in_at', render: (v: string | null) => (v ? v.slice(11, 16) : '—') },
          ]} />
          <Typography.Title level={5}>活动总结（活动后发布）</Typography.Title>
          <Input.TextArea aria-label="活动总结" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
          <Button style={{ marginTop: 8 }} onClick={() => void partApi.summary(o.id, summary).then(() => message.success('已发布')).catch((e) => message.error(errText(e)))}>发布总结和照片</Button>
        </Card>
      )}
      <Modal title="发布政府开放日" open={creating} onCancel={() => setCreating(false)} destroyOnHidden onOk={() => void form.validateFields().then((v) => partApi.createOpenDay({ ...v, capacity: Number(v.capacity), theme: v.theme ?? '', location: v.location ?? '', description: v.description ?? '' }).then(() => { setCreating(false); load(); })).catch((e) => e instanceof Error && message.error(errText(e)))}>
        <Form form={form} layout="vertical" name="openDayCreate" initialValues={{ capacity: 30, eventOn: today(), registerEndOn: today() }}>
          <Form.Item name="unitId" label="单位" rules={[{ required: true }]}><Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item name="title" label="活动名称" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="theme" label="主题"><Input /></Form.Item>
          <Form.Item name="eventOn" label="活动日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="location" label="地点"><Input /></Form.Item>
          <Form.Item name="description" label="介绍"><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="capacity" label="名额" rules={[{ required: true }]}><InputNumber min={1} max={1000} /></Form.Item>
          <Form.Item name="registerEndOn" label="报名截止" rules={[{ required: true }]}><Input type="date" /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export default function Events() {
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  useEffect(() => {
    void consultApi.units().then((r) => setUnits(r.items)).catch(() => undefined);
  }, []);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>列席会议与政府开放日</Typography.Title>
      <Tabs items={[{ key: 'm', label: '列席会议', children: <Meetings units={units} /> }, { key: 'o', label: '政府开放日', children: <OpenDays units={units} /> }]} />
    </Space>
  );
}
