// 办事指南: list, editor (materials, steps), the missing key elements shown before review; review and publication on the item page.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Drawer, Form, Input, Select, Space, Table, Tag, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage, type Unit } from '../../api';
import { useAuth } from '../../auth';
import { Link } from '../../router';
import { STATUS_COLORS, STATUS_LABELS } from '../publishing/labels';
import { servicesApi, type GuideFields, type GuideSummary } from '../lists/api';

const ITEM_TYPES = ['行政许可', '行政确认', '行政给付', '行政裁决', '行政奖励', '其他行政权力', '公共服务'];
const EMPTY: GuideFields = { code: '', name: '', itemType: '公共服务', basis: '', conditions: '', materials: [], steps: [], timeLimit: '', fees: '', place: '', hours: '', phone: '', onlineUrl: '' };

export default function Guides() {
  const { me } = useAuth();
  const [items, setItems] = useState<GuideSummary[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [editing, setEditing] = useState<{ id: number | null; unitId: number } | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<number | undefined>(me.unitId != null ? Number(me.unitId) : undefined);
  const [form] = Form.useForm<GuideFields>();

  const load = useCallback(async () => {
    try {
      setItems((await servicesApi.guides()).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
    void api.listUnits().then((u) => setUnits(u.items)).catch(() => undefined);
  }, [load]);

  const open = async (g: GuideSummary | null) => {
    setMissing([]);
    if (g) {
      const full = await servicesApi.guide(g.itemId);
      form.setFieldsValue(full.guide);
      setMissing(full.missing);
      setEditing({ id: g.itemId, unitId: g.unitId });
    } else if (unitId) {
      form.setFieldsValue(EMPTY);
      setEditing({ id: null, unitId });
    }
  };

  const save = async () => {
    const v = { ...EMPTY, ...(await form.validateFields()) };
    v.materials = (v.materials ?? []).map((m) => ({ name: m.name, required: m.required ?? true, copies: m.copies || '1', note: m.note ?? '', sampleAttachmentId: m.sampleAttachmentId ?? null }));
    try {
      const r = editing?.id ? await servicesApi.update(editing.id, v) : await servicesApi.create(editing!.unitId, v);
      setMissing(r.missing);
      setEditing({ id: r.id, unitId: r.unitId });
      message.success(r.missing.length ? `已保存；还缺少：${r.missing.join('、')}` : '已保存，可以提交审核');
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="办事指南">
        <Space wrap>
          <Select aria-label="单位" style={{ width: 260 }} showSearch optionFilterProp="label" value={unitId} onChange={setUnitId} options={units.map((u) => ({ value: Number(u.id), label: u.name }))} placeholder="选择单位" />
          <Button type="primary" disabled={!unitId} onClick={() => void open(null)}>新建办事指南</Button>
          <a href="/services/" target="_blank" rel="noreferrer">门户：政务服务</a>
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      <Table<GuideSummary>
        rowKey="itemId"
        size="small"
        dataSource={items}
        columns={[
          { title: '事项编码', dataIndex: 'code' },
          { title: '事项名称', render: (_, g) => <a onClick={() => void open(g)}>{g.name}</a> },
          { title: '类型', dataIndex: 'itemType' },
          { title: '状态', render: (_, g) => <Tag color={STATUS_COLORS[g.status]}>{STATUS_LABELS[g.status] ?? g.status}</Tag> },
          { title: '审核与发布', render: (_, g) => <Link to={`/content/${g.itemId}`}>打开</Link> },
        ]}
      />
      <Drawer open={editing !== null} width={720} title={editing?.id ? '编辑办事指南' : '新建办事指南'} onClose={() => setEditing(null)} destroyOnHidden
        extra={<Space>{editing?.id ? <Link to={`/content/${editing.id}`}>提交审核、上传样表</Link> : null}<Button type="primary" onClick={() => void save()}>保存</Button></Space>}>
        {missing.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`缺少要素：${missing.join('、')}。缺少要素的指南不能提交审核和发布。`} /> : null}
        <Form form={form} layout="vertical" initialValues={EMPTY}>
          <Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="code" label="事项编码"><Input /></Form.Item>
            <Form.Item name="itemType" label="事项类型"><Select style={{ width: 160 }} options={ITEM_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item>
          </Space>
          <Form.Item name="basis" label="设定依据"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="conditions" label="申请条件"><Input.TextArea rows={3} /></Form.Item>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <Card size="small" title="办理材料" extra={<Button icon={<PlusOutlined />} onClick={() => add({ name: '', required: true, copies: '1', note: '', sampleAttachmentId: null })}>添加材料</Button>} style={{ marginBottom: 16 }}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '材料名称' }]}><Input placeholder="材料名称" aria-label="材料名称" /></Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked"><Checkbox>必需</Checkbox></Form.Item>
                    <Form.Item name={[f.name, 'copies']}><Input placeholder="份数" aria-label="份数" style={{ width: 70 }} /></Form.Item>
                    <Form.Item name={[f.name, 'note']}><Input placeholder="说明" aria-label="说明" /></Form.Item>
                    <Form.Item name={[f.name, 'sampleAttachmentId']} getValueFromEvent={(e) => (e.target.value ? Number(e.target.value) : null)}><Input placeholder="样表附件编号" aria-label="样表附件编号" style={{ width: 120 }} /></Form.Item>
                    <MinusCircleOutlined aria-label="删除材料" onClick={() => remove(f.name)} />
                  </Space>
                ))}
              </Card>
            )}
          </Form.List>
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <Card size="small" title="办理流程" extra={<Button icon={<PlusOutlined />} onClick={() => add('')}>添加环节</Button>} style={{ marginBottom: 16 }}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <span>{i + 1}.</span>
                    <Form.Item name={f.name} rules={[{ required: true, message: '环节名称' }]}><Input aria-label={`第 ${i + 1} 个环节`} /></Form.Item>
                    <MinusCircleOutlined aria-label="删除环节" onClick={() => remove(f.name)} />
                  </Space>
                ))}
              </Card>
            )}
          </Form.List>
          <Space wrap>
            <Form.Item name="timeLimit" label="办理时限"><Input /></Form.Item>
            <Form.Item name="fees" label="收费（不收费请填“不收费”）"><Input /></Form.Item>
          </Space>
          <Form.Item name="place" label="办理地点"><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="hours" label="办理时间"><Input /></Form.Item>
            <Form.Item name="phone" label="咨询电话"><Input /></Form.Item>
          </Space>
          <Form.Item name="onlineUrl" label="网上办理链接"><Input /></Form.Item>
        </Form>
      </Drawer>
    </Space>
  );
}
