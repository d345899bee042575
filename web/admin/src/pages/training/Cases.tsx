// 典型案例: the case library; a unit drafts a case here, review and publication happen on the item page.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api';
import { useAuth, useCan } from '../../auth';
import { navigate } from '../../router';
import { trainingApi, type CaseRow } from './api';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** Plain text paragraphs → the body HTML the pipeline stores (it sanitises again). */
const toHtml = (text: string) => text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('');

export default function Cases() {
  const { me } = useAuth();
  const canDraft = useCan('content.draft');
  const [items, setItems] = useState<CaseRow[] | null>(null);
  const [units, setUnits] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => void trainingApi.cases().then((r) => setItems(r.items)).catch((e) => setError(errorMessage(e))), []);
  useEffect(load, [load]);
  useEffect(() => void api.listUnits(true).then((r) => setUnits(new Map(r.items.map((u) => [Number(u.id), u.name])))).catch(() => undefined), []);
  const draftUnits = me.roles.filter((r) => r.role === 'editor').map((r) => (r.unitId === null ? null : Number(r.unitId)));
  const unitOptions = draftUnits.includes(null) ? [...units.entries()].map(([value, label]) => ({ value, label })) : draftUnits.map((u) => ({ value: u!, label: units.get(u!) ?? String(u) }));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>典型案例</Typography.Title>
      <Typography.Paragraph type="secondary">案例经初审、终审后在门户网站「政府信息公开 › 典型案例」（/xxgk/cases/）公开。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} /> : null}
      <Card title="案例库" extra={canDraft ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>起草案例</Button> : null}>
        <Table
          rowKey="id"
          loading={!items}
          dataSource={items ?? []}
          columns={[
            { title: '标题', dataIndex: 'title', render: (v: string, r) => <a href={`/admin/content/${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/content/${r.id}`); }}>{v}</a> },
            { title: '分类', dataIndex: 'category', width: 120 },
            { title: '单位', dataIndex: 'unitId', render: (v: number) => units.get(v) ?? v },
            { title: '状态', dataIndex: 'statusLabel', width: 100 },
            { title: '门户', key: 'portal', width: 100, render: (_: unknown, r) => (r.status === 'published' ? <a href={`/xxgk/cases/${r.id}`} target="_blank" rel="noopener">查看</a> : '—') },
          ]}
        />
      </Card>
      {open ? <DraftCase unitOptions={unitOptions} onClose={(id) => { setOpen(false); if (id) navigate(`/content/${id}`); }} /> : null}
    </Space>
  );
}

function DraftCase({ unitOptions, onClose }: { unitOptions: Array<{ value: number; label: string }>; onClose: (id?: number) => void }) {
  const [form] = Form.useForm<{ unitId: number; title: string; category: string; summary: string; body: string }>();
  const [categories, setCategories] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void trainingApi.options().then((o) => setCategories(o.categories)).catch(() => undefined), []);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const c = await trainingApi.draftCase({ unitId: v.unitId, title: v.title.trim(), category: v.category, summary: v.summary.trim(), bodyHtml: toHtml(v.body) });
      void message.success('已保存为草稿，请在内容详情页提交审核');
      onClose(c.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="起草典型案例" okText="保存草稿" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={() => onClose()} destroyOnHidden width={720}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ unitId: unitOptions[0]?.value }}>
        <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}><Select options={unitOptions} /></Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, message: '请填写标题（至少 2 个字）' }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="category" label="分类" rules={[{ required: true, message: '请选择分类' }]}><Select options={categories.map((c) => ({ value: c, label: c }))} /></Form.Item>
        <Form.Item name="summary" label="摘要" rules={[{ required: true, min: 5, message: '请填写摘要（至少 5 个字）' }]}><Input.TextArea rows={2} maxLength={1000} showCount /></Form.Item>
        <Form.Item name="body" label="正文（每段一行）" rules={[{ required: true, whitespace: true, message: '请填写案例正文' }]}><Input.TextArea rows={10} /></Form.Item>
      </Form>
    </Modal>
  );
}
