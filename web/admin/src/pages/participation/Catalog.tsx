// 重大行政决策事项目录: entries of a year's catalog, adjustments with reasons after publication, publishing each version.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { consultApi } from '../consult/consultApi';
import { errText, partApi, type Catalog as CatalogT, type Change, type Entry } from './partApi';

const STAGES = ['立项', '起草', '公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定', '已公布', '暂缓', '终止'];

export default function Catalog() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [unitId, setUnitId] = useState<number | null>(null);
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  const [view, setView] = useState<{ catalog: CatalogT; entries: Entry[]; changes: Change[] } | null>(null);
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  useEffect(() => {
    void consultApi.units().then((r) => setUnits(r.items)).catch(() => undefined);
  }, []);
  const load = useCallback(async () => {
    if (!unitId) return;
    try {
      const c = await partApi.catalog(year, unitId);
      setView(await partApi.catalogView(c.id));
      setError(null);
    } catch (e) {
      setError(errText(e));
    }
  }, [year, unitId]);
  useEffect(() => {
    void load();
  }, [load]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await partApi.addEntry(view!.catalog.id, { ...v, result: v.result ?? '', reason: v.reason ?? '' });
      else if (editing) await partApi.updateEntry(editing.id, { ...v, result: v.result ?? '', reason: v.reason ?? '' });
      setEditing(null);
      await load();
    } catch (e) {
      message.error(errText(e));
    }
  };
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? String(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>重大行政决策事项目录</Typography.Title>
      <Space>
        <InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
        <Select aria-label="决策机关" placeholder="决策机关" style={{ width: 240 }} value={unitId ?? undefined} onChange={setUnitId} options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {view && (
        <>
          <Space>
            <Typography.Text strong>{view.catalog.title}</Typography.Text>
            {view.catalog.published_at ? <Tag color="green">已公布 第 {view.catalog.version} 版</Tag> : <Tag>未公布</Tag>}
            <Button onClick={() => { form.resetFields(); form.setFieldsValue({ stage: '立项' }); setEditing('new'); }}>增加事项</Button>
            <Button type="primary" onClick={() => void partApi.publishCatalog(view.catalog.id).then(() => { message.success('已公布'); void load(); }).catch((e) => message.error(errText(e)))}>{view.catalog.published_at ? '公布调整' : '公布目录'}</Button>
          </Space>
          <Table rowKey="id" dataSource={view.entries} pagination={false} columns={[
            { title: '序号', dataIndex: 'seq' }, { title: '事项', dataIndex: 'name' }, { title: '承办单位', dataIndex: 'lead_unit_id', render: unitName },
            { title: '依据', dataIndex: 'basis' }, { title: '计划时间', dataIndex: 'planned_time' }, { title: '阶段', dataIndex: 'stage' }, { title: '结果', dataIndex: 'result' },
            { title: '状态', dataIndex: 'status', render: (v: string) => (v === 'removed' ? <Tag>已移出</Tag> : '') },
            { title: '操作', key: 'op', render: (_: unknown, e: Entry) => e.status === 'active' && (
              <Space>
                <Button size="small" onClick={() => { form.setFieldsValue({ name: e.name, leadUnitId: e.lead_unit_id, basis: e.basis, plannedTime: e.planned_time, stage: e.stage, result: e.result, reason: '' }); setEditing(e); }}>修改</Button>
                <Button size="small" danger onClick={() => { const reason = window.prompt('移出理由') ?? ''; void partApi.removeEntry(e.id, reason).then(load).catch((err) => message.error(errText(err))); }}>移出</Button>
              </Space>
            ) },
          ]} />
          <Typography.Title level={5}>调整记录</Typography.Title>
          <Table rowKey="id" dataSource={view.changes} pagination={false} columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => v.slice(0, 10) }, { title: '类型', dataIndex: 'kind', render: (v: string) => ({ add: '增加', update: '调整', remove: '移出' })[v] ?? v },
            { title: '事项', key: 'n', render: (_: unknown, c: Change) => (JSON.parse(c.after_json) as { name?: string }).name ?? (JSON.parse(c.before_json) as { name?: string }).name },
            { title: '理由', dataIndex: 'reason' }, { title: '公布', dataIndex: 'published', render: (v: number) => (v ? '已公布' : '待公布') },
          ]} />
        </>
      )}
      <Modal title={editing === 'new' ? '增加事项' : '修改事项'} open={editing !== null} onCancel={() => setEditing(null)} onOk={() => void save()} destroyOnHidden>
        <Form form={form} layout="vertical" name="catalogEntry">
          <Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}><Input /></Form.Item>
          <Form.Item name="leadUnitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}><Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item name="basis" label="决策依据" rules={[{ required: true, message: '请填写决策依据' }]}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="plannedTime" label="计划完成时间" rules={[{ required: true, message: '请填写计划完成时间' }]}><Input /></Form.Item>
          <Form.Item name="stage" label="进展阶段"><Select options={STAGES.map((s) => ({ value: s, label: s }))} /></Form.Item>
          <Form.Item name="result" label="决策结果"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="reason" label="调整理由（目录公布后必填）"><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
