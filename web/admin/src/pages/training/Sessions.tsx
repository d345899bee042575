// 培训交流: sessions with materials and attendance; managers register sessions and attendees, everyone signs in.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Typography, Upload, message } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api';
import { useAuth, useCan } from '../../auth';
import { MODE_LABELS, trainingApi, type Session, type SessionDetail } from './api';

export default function Sessions() {
  const canManage = useCan('training.manage');
  const [items, setItems] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const load = useCallback(() => void trainingApi.sessions().then((r) => setItems(r.items)).catch((e) => setError(errorMessage(e))), []);
  useEffect(load, [load]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>培训交流</Typography.Title>
      {error ? <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} /> : null}
      <Card title="培训记录" extra={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记培训</Button> : null}>
        <Table
          rowKey="id"
          loading={!items}
          dataSource={items ?? []}
          columns={[
            { title: '培训名称', dataIndex: 'title', render: (v: string, r) => <a href={`#session-${r.id}`} onClick={(e) => { e.preventDefault(); setOpenId(r.id); }}>{v}</a> },
            { title: '日期', dataIndex: 'heldOn', width: 120 },
            { title: '形式', dataIndex: 'mode', width: 80, render: (v: Session['mode']) => MODE_LABELS[v] },
            { title: '地点', dataIndex: 'place', render: (v: string, r) => (r.mode === 'online' ? (v || '线上') : v) },
            { title: '主题', dataIndex: 'topic', width: 130 },
            { title: '主办单位', dataIndex: 'organiserUnitName' },
            { title: '签到 / 登记', key: 'n', width: 110, render: (_: unknown, r) => `${r.signedIn} / ${r.registered}` },
          ]}
        />
      </Card>
      {creating ? <CreateSession onClose={(created) => { setCreating(false); if (created) { load(); setOpenId(created); } }} /> : null}
      {openId ? <SessionDrawer id={openId} onClose={() => { setOpenId(null); load(); }} /> : null}
    </Space>
  );
}

function CreateSession({ onClose }: { onClose: (created?: number) => void }) {
  const [form] = Form.useForm<{ title: string; heldOn: Dayjs; mode: 'onsite' | 'online'; place?: string; organiserUnitId: number; topic: string; description?: string }>();
  const [topics, setTopics] = useState<string[]>([]);
  const [units, setUnits] = useState<Array<{ value: number; label: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form);
  useEffect(() => {
    trainingApi.options().then((o) => setTopics(o.topics)).catch(() => undefined);
    api.listUnits().then((r) => setUnits(r.items.map((u) => ({ value: Number(u.id), label: u.name })))).catch(() => undefined);
  }, []);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const s = await trainingApi.create({ title: v.title, heldOn: v.heldOn.format('YYYY-MM-DD'), mode: v.mode, place: v.place?.trim() ?? '', organiserUnitId: v.organiserUnitId, topic: v.topic, description: v.description?.trim() ?? '' });
      void message.success('已登记培训');
      onClose(s.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="登记培训" okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={() => onClose()} destroyOnHidden width={640}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ mode: 'onsite' }}>
        <Form.Item name="title" label="培训名称" rules={[{ required: true, min: 2, message: '请填写培训名称（至少 2 个字）' }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
        <Form.Item name="mode" label="形式"><Radio.Group options={[{ value: 'onsite', label: '现场' }, { value: 'online', label: '线上' }]} /></Form.Item>
        <Form.Item name="place" label={mode === 'online' ? '线上会议链接或平台（可选）' : '地点'} rules={mode === 'online' ? [] : [{ required: true, whitespace: true, message: '现场培训请填写地点' }]}><Input maxLength={300} /></Form.Item>
        <Form.Item name="organiserUnitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}><Select showSearch optionFilterProp="label" options={units} /></Form.Item>
        <Form.Item name="topic" label="培训主题" rules={[{ required: true, message: '请选择培训主题' }]}><Select options={topics.map((t) => ({ value: t, label: t }))} /></Form.Item>
        <Form.Item name="description" label="内容简介"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function SessionDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { me } = useAuth();
  const canManage = useCan('training.manage');
  const [s, setS] = useState<SessionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [users, setUsers] = useState<Array<{ value: number; label: string }>>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const load = useCallback(() => void trainingApi.session(id).then(setS).catch((e) => setError(errorMessage(e))), [id]);
  useEffect(load, [load]);
  useEffect(() => {
    if (canManage) api.listUsers({}).then((r) => setUsers(r.items.filter((u) => u.active).map((u) => ({ value: Number(u.id), label: `${u.displayName}（${u.unitName}）` })))).catch(() => undefined);
  }, [canManage]);
  const act = async (f: () => Promise<unknown>, ok: string) => {
    setError(null);
    try {
      await f();
      void message.success(ok);
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const mine = s?.attendance.find((a) => a.userId === Number(me.id));
  return (
    <Drawer open title={s?.title ?? '培训详情'} size="large" onClose={onClose}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {s ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} items={[
            { key: 'd', label: '日期', children: s.heldOn },
            { key: 'm', label: '形式', children: `${MODE_LABELS[s.mode]}${s.place ? `：${s.place}` : ''}` },
            { key: 't', label: '主题', children: s.topic },
            { key: 'u', label: '主办单位', children: s.organiserUnitName },
            ...(s.description ? [{ key: 'x', label: '内容简介', children: s.description }] : []),
          ]} />
          <Space>
            {mine?.signedInAt
              ? <Typography.Text>{`您已于 ${new Date(mine.signedInAt).toLocaleString('zh-CN', { hour12: false })} 签到`}</Typography.Text>
              : <Button type="primary" onClick={() => void act(() => trainingApi.signIn(id), '已签到')}>本人签到</Button>}
          </Space>
          <section aria-labelledby="materials-h">
            <Typography.Title level={3} id="materials-h" style={{ fontSize: 16 }}>培训材料</Typography.Title>
            {s.materials.length ? (
              <ul>{s.materials.map((m) => <li key={m.id}><a href={trainingApi.materialUrl(m.id)}>{m.filename}</a>{`（${Math.ceil(m.size / 1024)} KB）`}</li>)}</ul>
            ) : <Typography.Text type="secondary">暂无材料。</Typography.Text>}
            {canManage ? (
              <Upload showUploadList={false} customRequest={({ file }) => void act(() => trainingApi.upload(id, file as File), '已上传')} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.mp4,.webm">
                <Button icon={<UploadOutlined />}>上传材料（PDF、Word、Excel、图片、视频）</Button>
              </Upload>
            ) : null}
          </section>
          <section aria-labelledby="units-h">
            <Typography.Title level={3} id="units-h" style={{ fontSize: 16 }}>各单位参训情况</Typography.Title>
            <Table rowKey="unitId" size="small" pagination={false} dataSource={s.byUnit} columns={[
              { title: '单位', dataIndex: 'unitName' }, { title: '登记', dataIndex: 'registered', width: 80 }, { title: '已签到', dataIndex: 'signedIn', width: 80 },
            ]} />
          </section>
          <section aria-labelledby="people-h">
            <Typography.Title level={3} id="people-h" style={{ fontSize: 16 }}>参训人员</Typography.Title>
            {canManage ? (
              <Space style={{ marginBottom: 8 }} wrap>
                <Select mode="multiple" showSearch optionFilterProp="label" style={{ minWidth: 320 }} options={users} value={picked} onChange={setPicked} placeholder="选择参训人员" aria-label="选择参训人员" />
                <Button disabled={!picked.length} onClick={() => void act(async () => { await trainingApi.register(id, picked); setPicked([]); }, '已登记参训人员')}>登记</Button>
              </Space>
            ) : null}
            <Table rowKey="userId" size="small" pagination={false} dataSource={s.attendance} columns={[
              { title: '姓名', dataIndex: 'name' }, { title: '单位', dataIndex: 'unitName' },
              { title: '签到', dataIndex: 'signedInAt', render: (v: string | null) => (v ? new Date(v).toLocaleString('zh-CN', { hour12: false }) : '未签到') },
            ]} />
          </section>
        </Space>
      ) : null}
    </Drawer>
  );
}
