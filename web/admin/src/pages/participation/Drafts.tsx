// 意见征集: comment periods, moderation, offline comments with their source, adoption per comment, the feedback report.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { navigate, useSearch } from '../../router';
import { consultApi } from '../consult/consultApi';
import { ADOPTIONS, FLAG_LABELS, PHASES, REASONS, SOURCES, errText, partApi, today, type Comment, type DraftDetail, type DraftSummary } from './partApi';

export default function Drafts() {
  const id = Number(new URLSearchParams(useSearch()).get('id')) || null;
  return id ? <DraftView id={id} /> : <DraftList />;
}

function DraftList() {
  const [items, setItems] = useState<DraftSummary[]>([]);
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const load = useCallback(() => void partApi.drafts().then((r) => setItems(r.items)).catch((e) => setError(errText(e))), []);
  useEffect(() => {
    load();
    void consultApi.units().then((r) => setUnits(r.items)).catch(() => undefined);
  }, [load]);
  const create = async () => {
    const v = await form.validateFields();
    try {
      const d = await partApi.createDraft({ ...v, endOn: v.endOn || null, explanation: v.explanation ?? '', shortReason: v.shortReason ?? '', major: Boolean(v.major) });
      setCreating(false);
      navigate(`/participation/drafts?id=${d.id}`);
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>意见征集</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建征集</Button>
      <Table rowKey="id" dataSource={items} columns={[
        { title: '草案', dataIndex: 'title', render: (v: string, r: DraftSummary) => <a href={`/admin/participation/drafts?id=${r.id}`} onClick={(e) => { e.preventDefault(); navigate(`/participation/drafts?id=${r.id}`); }}>{v}</a> },
        { title: '征集期', key: 'p', render: (_: unknown, r: DraftSummary) => `${r.startOn} 至 ${r.endOn}` },
        { title: '重大决策', dataIndex: 'major', render: (v: boolean) => (v ? '是' : '否') },
        { title: '状态', dataIndex: 'phase', render: (v: string) => <Tag>{PHASES[v] ?? v}</Tag> },
        { title: '采纳情况报告', dataIndex: 'feedbackItemId', render: (v: number | null) => (v ? `内容 ${v}` : '—') },
      ]} />
      <Modal title="新建意见征集" open={creating} onCancel={() => setCreating(false)} onOk={() => void create()} okText="创建" destroyOnHidden width={720}>
        <Form form={form} layout="vertical" name="draftCreate" initialValues={{ major: true, startOn: today() }}>
          <Form.Item name="unitId" label="起草单位" rules={[{ required: true, message: '请选择起草单位' }]}><Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item name="title" label="草案标题" rules={[{ required: true, message: '请填写标题' }]}><Input /></Form.Item>
          <Form.Item name="explanation" label="起草说明"><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="body" label="草案正文（每段一行，公众可针对段落提意见）" rules={[{ required: true, message: '请填写正文' }]}><Input.TextArea rows={8} /></Form.Item>
          <Form.Item name="major" valuePropName="checked"><Checkbox>重大行政决策（征求意见期一般不少于 30 日）</Checkbox></Form.Item>
          <Form.Item name="startOn" label="开始日期" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="endOn" label="截止日期（留空为开始后 30 日）"><Input type="date" /></Form.Item>
          <Form.Item name="shortReason" label="缩短期限的理由（少于 30 日时必填）"><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function DraftView({ id }: { id: number }) {
  const [d, setD] = useState<DraftDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [adopt, setAdopt] = useState<Record<number, { adoption?: string; reason?: string }>>({});
  const [policyId, setPolicyId] = useState<number | null>(null);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const load = useCallback(() => void partApi.draft(id).then(setD).catch((e) => setError(errText(e))), [id]);
  useEffect(load, [load]);
  const act = async (p: Promise<unknown>, ok = '已保存') => {
    try {
      await p;
      message.success(ok);
      load();
    } catch (e) {
      message.error(errText(e));
    }
  };
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!d) return null;
  const ended = d.phase === 'ended';
  const columns = [
    { title: '针对', dataIndex: 'paragraph', render: (v: number | null) => (v ? `第 ${v} 段` : '全文') },
    { title: '意见', dataIndex: 'text' },
    { title: '来源', key: 's', render: (_: unknown, c: Comment) => `${SOURCES[c.source] ?? c.source}${c.source_note ? `（${c.source_note}）` : ''}` },
    { title: '自动标记', dataIndex: 'flags', render: (f: string[]) => f.map((x) => <Tag color="red" key={x}>{FLAG_LABELS[x] ?? x}</Tag>) },
    {
      title: '审核', key: 'm', render: (_: unknown, c: Comment) => c.status === 'pending' ? (
        <Space wrap>
          <Button size="small" onClick={() => void act(partApi.moderate(c.id, { decision: 'approve' }))}>公开</Button>
          <Select size="small" placeholder="不予公开" style={{ width: 150 }} aria-label="不予公开原因" options={Object.entries(REASONS).map(([value, label]) => ({ value, label }))} onChange={(reason: string) => void act(partApi.moderate(c.id, { decision: 'reject', reason }))} />
        </Space>
      ) : c.status === 'approved' ? <Tag color="green">已公开</Tag> : <Tag>不予公开：{REASONS[c.moderation_reason ?? ''] ?? ''}</Tag>,
    },
    {
      title: '采纳情况', key: 'a', render: (_: unknown, c: Comment) => c.status !== 'approved' ? '—' : c.adoption ? `${ADOPTIONS[c.adoption]}：${c.adoption_reason}` : ended ? (
        <Space direction="vertical">
          <Select size="small" style={{ width: 130 }} placeholder="采纳情况" aria-label="采纳情况" options={Object.entries(ADOPTIONS).map(([value, label]) => ({ value, label }))} onChange={(v: string) => setAdopt({ ...adopt, [c.id]: { ...adopt[c.id], adoption: v } })} />
          <Input size="small" placeholder="理由" aria-label="采纳理由" onChange={(e) => setAdopt({ ...adopt, [c.id]: { ...adopt[c.id], reason: e.target.value } })} />
          <Button size="small" onClick={() => void act(partApi.adoption(c.id, { adoption: adopt[c.id]?.adoption, reason: adopt[c.id]?.reason ?? '' }))}>保存</Button>
        </Space>
      ) : '征集期结束后填写',
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/participation/drafts')}>返回列表</Button>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>{d.title}</Typography.Title>
      <Typography.Text>征集期 {d.start_on} 至 {d.end_on}（{PHASES[d.phase]}）{d.short_reason ? `；缩短理由：${d.short_reason}` : ''}</Typography.Text>
      <Space wrap>
        {d.status === 'draft' && <Button type="primary" onClick={() => void act(partApi.open(id), '已发布')}>发布征集</Button>}
        {d.status !== 'draft' && <a href={`/interact/drafts/${id}`} target="_blank" rel="noreferrer">查看门户页面</a>}
        <Button onClick={() => setOffline(true)}>录入线下意见</Button>
        {ended && !d.feedback_item_id && <Button type="primary" onClick={() => void partApi.feedback(id).then((item) => { message.success('已起草采纳情况报告，请提交审核'); navigate(`/content/${item.id}`); }).catch((e) => message.error(errText(e)))}>起草采纳情况报告</Button>}
        {d.feedback_item_id && <a href={`/admin/content/${d.feedback_item_id}`} onClick={(e) => { e.preventDefault(); navigate(`/content/${d.feedback_item_id}`); }}>采纳情况报告（内容 {d.feedback_item_id}）</a>}
        <Space>
          <InputNumber placeholder="正式文件内容编号" aria-label="正式文件内容编号" value={policyId ?? undefined} onChange={(v) => setPolicyId(v ?? null)} style={{ width: 170 }} />
          <Button onClick={() => policyId && void act(partApi.linkPolicy(id, policyId), '已关联')}>关联正式文件</Button>
          {d.policy_item_id ? <Tag>已关联内容 {d.policy_item_id}</Tag> : null}
        </Space>
      </Space>
      <Card size="small" title="意见">
        <Table rowKey="id" dataSource={d.comments} columns={columns} pagination={{ pageSize: 30 }} />
      </Card>
      <Modal title="录入线下意见" open={offline} onCancel={() => setOffline(false)} destroyOnHidden okText="录入" onOk={() => {
        void form.validateFields().then((v) => act(partApi.comment(id, { ...v, paragraph: v.paragraph || null, sourceNote: v.sourceNote ?? '', name: v.name ?? '' }), '已录入').then(() => setOffline(false)));
      }}>
        <Form form={form} layout="vertical" name="offlineComment" initialValues={{ source: 'village_board' }}>
          <Form.Item name="source" label="来源" rules={[{ required: true }]}><Select options={Object.entries(SOURCES).filter(([k]) => k !== 'online').map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="sourceNote" label="来源说明（如某村公示栏、来信日期）"><Input /></Form.Item>
          <Form.Item name="paragraph" label="针对段落"><Select allowClear options={d.paragraphs.map((p, i) => ({ value: i + 1, label: `第 ${i + 1} 段：${p.slice(0, 20)}` }))} /></Form.Item>
          <Form.Item name="text" label="意见内容" rules={[{ required: true, min: 5, message: '意见内容至少 5 个字' }]}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="name" label="提出人"><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
