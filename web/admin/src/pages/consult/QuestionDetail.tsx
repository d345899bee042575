// One consultation: the question and contact, deadline, assign/transfer/notes, reply and its review, the citizen's rating, publishing as Q&A.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { navigate } from '../../router';
import { useCan } from '../../auth';
import { RATINGS, consultApi, errText, type Detail } from './consultApi';
import { DaysLeft } from './Questions';

const EVENT_LABELS: Record<string, string> = {
  submitted: '网站提交', registered: '登记', assigned: '分办', transferred: '转办', note: '内部备注', reply_submitted: '答复送审', reply_returned: '答复退回',
  replied: '答复', notified: '告知咨询人', rated: '评价', reopened: '重新办理',
};

export default function QuestionDetail({ id }: { id: number }) {
  const [q, setQ] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  const [handlers, setHandlers] = useState<Array<{ id: number; displayName: string }>>([]);
  const [busy, setBusy] = useState(false);
  const [qa, setQa] = useState<{ subject: string; question: string; answer: string } | null>(null);
  const { message } = App.useApp();
  const canAssign = useCan('consult.assign');
  const canHandle = useCan('consult.handle');
  const canReview = useCan('consult.review');
  const canDraft = useCan('content.draft');
  const [replyForm] = Form.useForm();
  const [assignForm] = Form.useForm();
  const [transferForm] = Form.useForm();
  const [noteForm] = Form.useForm();
  const [reviewForm] = Form.useForm();
  const assignUnit = Form.useWatch('unitId', assignForm) as number | undefined;

  const load = useCallback(async () => {
    try {
      setQ(await consultApi.get(id));
      setError(null);
    } catch (e) {
      setError(errText(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
    void consultApi.units().then((r) => setUnits(r.items)).catch(() => undefined);
  }, [load]);
  useEffect(() => {
    const u = assignUnit ?? q?.unitId;
    if (u) void consultApi.handlers(u).then((r) => setHandlers(r.items)).catch(() => setHandlers([]));
  }, [assignUnit, q?.unitId]);

  const step = async (name: string, body: Record<string, unknown>, done?: () => void) => {
    setBusy(true);
    try {
      setQ(await consultApi.step(id, name, body));
      done?.();
      message.success('已保存');
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!q) return null;
  const open = ['processing', 'reopened'].includes(q.status);
  const pendingReply = q.replies.find((r) => r.status === 'pending_review');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/consult')}>返回列表</Button>
      <Typography.Title level={1} style={{ fontSize: '1.25em' }}>咨询 {q.number}</Typography.Title>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="状态"><Tag>{q.statusLabel}</Tag></Descriptions.Item>
        <Descriptions.Item label="剩余"><DaysLeft s={q} /></Descriptions.Item>
        <Descriptions.Item label="渠道">{q.channelLabel}</Descriptions.Item>
        <Descriptions.Item label="收到日期">{q.receivedOn}</Descriptions.Item>
        <Descriptions.Item label="承办单位">{q.unitName ?? '待分办'}</Descriptions.Item>
        <Descriptions.Item label="答复期限">{q.dueOn}{q.reviewRequired ? '（答复须审核）' : ''}</Descriptions.Item>
        <Descriptions.Item label="经办人">{q.handlerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="主题">{q.topic}</Descriptions.Item>
        <Descriptions.Item label="相关政策">{q.policyTitle || '—'}</Descriptions.Item>
        <Descriptions.Item label="咨询人">{q.askerName || '—'}（{q.contactPhone || q.contactEmail || '未留联系方式'}）</Descriptions.Item>
        <Descriptions.Item label="同意公开">{q.consentPublish ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="评价">{q.rating ? `${RATINGS[q.rating]}${q.ratingComment ? `：${q.ratingComment}` : ''}` : '—'}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="咨询内容"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{q.question}</Typography.Paragraph></Card>
      {q.replies.map((r) => (
        <Card key={r.id} size="small" title={`${r.round === 1 ? '答复' : '第二次答复'}（${r.status === 'released' ? `已发出 ${r.releasedOn}` : r.status === 'pending_review' ? '待审核' : '已退回'}）`}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Typography.Paragraph>
          <Typography.Text type="secondary">{r.writtenByName} · {r.writtenAt.slice(0, 16).replace('T', ' ')}{r.reviewComment ? ` · 审核意见：${r.reviewComment}` : ''}</Typography.Text>
        </Card>
      ))}
      {canHandle && open && (
        <Card size="small" title={q.round > 1 ? '重新答复' : '答复'}>
          <Form form={replyForm} layout="vertical" name="consultReply" onFinish={(v: { text: string }) => void step('reply', v, () => replyForm.resetFields())}>
            <Form.Item name="text" label="答复内容" rules={[{ required: true, min: 5, message: '答复内容至少 5 个字' }]}><Input.TextArea rows={5} maxLength={10000} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{q.reviewRequired ? '提交审核' : '发出答复'}</Button>
          </Form>
        </Card>
      )}
      {canReview && pendingReply && (
        <Card size="small" title="审核答复">
          <Form form={reviewForm} layout="vertical" name="consultReview">
            <Form.Item name="comment" label="审核意见（退回时必填）"><Input.TextArea rows={2} /></Form.Item>
            <Space>
              <Button type="primary" loading={busy} onClick={() => void step('review', { decision: 'approve', comment: reviewForm.getFieldValue('comment') ?? '' })}>通过并发出</Button>
              <Button danger loading={busy} onClick={() => void step('review', { decision: 'return', comment: reviewForm.getFieldValue('comment') ?? '' })}>退回修改</Button>
            </Space>
          </Form>
        </Card>
      )}
      {(canAssign || canHandle) && ['unassigned', 'processing', 'reopened'].includes(q.status) && (
        <Card size="small" title="分办 / 转办">
          <Form form={assignForm} layout="inline" name="consultAssign" initialValues={{ unitId: q.unitId ?? undefined }} onFinish={(v: { unitId: number; handlerId?: number }) => void step('assign', { unitId: v.unitId, handlerId: v.handlerId ?? null })}>
            <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择单位' }]}><Select style={{ width: 220 }} options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" disabled={!canAssign} /></Form.Item>
            <Form.Item name="handlerId" label="经办人"><Select allowClear style={{ width: 160 }} options={handlers.map((h) => ({ value: h.id, label: h.displayName }))} /></Form.Item>
            <Button htmlType="submit" loading={busy}>分办</Button>
          </Form>
          {q.unitId !== null && (
            <Form form={transferForm} layout="inline" name="consultTransfer" style={{ marginTop: 12 }} onFinish={(v: { unitId: number; reason: string }) => void step('transfer', v, () => { transferForm.resetFields(); navigate('/consult'); })}>
              <Form.Item name="unitId" label="转办至" rules={[{ required: true, message: '请选择单位' }]}><Select style={{ width: 220 }} options={units.filter((u) => u.id !== q.unitId).map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item>
              <Form.Item name="reason" label="转办理由" rules={[{ required: true, min: 2, message: '请填写转办理由' }]}><Input style={{ width: 260 }} /></Form.Item>
              <Button htmlType="submit" loading={busy}>转办</Button>
            </Form>
          )}
        </Card>
      )}
      <Card size="small" title="内部备注（咨询人看不到）">
        <Form form={noteForm} layout="inline" name="consultNote" onFinish={(v: { note: string }) => void step('notes', v, () => noteForm.resetFields())}>
          <Form.Item name="note" label="备注" rules={[{ required: true, message: '请填写备注' }]}><Input style={{ width: 420 }} maxLength={2000} /></Form.Item>
          <Button htmlType="submit" loading={busy}>添加</Button>
        </Form>
      </Card>
      {canDraft && q.consentPublish && ['replied', 'closed'].includes(q.status) && (
        <Card size="small" title="公开到政策问答库">
          {q.kbItemId ? (
            <Typography.Paragraph>已起草公开问答：<a href={`/admin/content/${q.kbItemId}`} onClick={(e) => { e.preventDefault(); navigate(`/content/${q.kbItemId}`); }}>内容 {q.kbItemId}</a>（在内容管理中提交审核、发布）</Typography.Paragraph>
          ) : (
            <Button onClick={() => void consultApi.proposal(id).then(setQa).catch((e) => message.error(errText(e)))}>起草公开问答（去除个人信息）</Button>
          )}
        </Card>
      )}
      <Card size="small" title="办理过程">
        <Timeline items={q.events.map((e) => ({ color: e.internal ? 'gray' : 'blue', children: <span>{e.at.slice(0, 16).replace('T', ' ')} {EVENT_LABELS[e.kind] ?? e.kind}（{e.actorName}）{e.note ? `：${e.note}` : ''}{e.internal ? ' [内部]' : ''}</span> }))} />
      </Card>
      <Modal title="起草公开问答" open={qa !== null} onCancel={() => setQa(null)} destroyOnHidden width={720} okText="起草" onOk={() => {
        if (!qa) return;
        void consultApi.draftQa(id, qa).then((item) => { setQa(null); message.success('已起草，请提交审核'); navigate(`/content/${item.id}`); }).catch((e) => message.error(errText(e)));
      }}>
        {qa && (
          <Form layout="vertical" name="consultQa">
            <Typography.Paragraph type="secondary">已去除咨询人姓名、联系方式，身份证号、手机号等已遮盖。请再检查一遍。</Typography.Paragraph>
            <Form.Item label="标题" htmlFor="qa-subject"><Input id="qa-subject" value={qa.subject} onChange={(e) => setQa({ ...qa, subject: e.target.value })} /></Form.Item>
            <Form.Item label="问" htmlFor="qa-question"><Input.TextArea id="qa-question" rows={4} value={qa.question} onChange={(e) => setQa({ ...qa, question: e.target.value })} /></Form.Item>
            <Form.Item label="答" htmlFor="qa-answer"><Input.TextArea id="qa-answer" rows={5} value={qa.answer} onChange={(e) => setQa({ ...qa, answer: e.target.value })} /></Form.Item>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
