// One application: the clock, every workflow step as a form, reply templates per outcome, delivery, archive, history.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { navigate } from '../../router';
import { useCan } from '../../auth';
import { DaysLeft } from './Applications';
import { CHANNEL_LABELS, EVENT_LABELS, OUTCOME_OPTIONS, REJECT_KIND_OPTIONS, STATUS_LABELS, SUBTYPE_LABELS, errText, foiApi, today, type Detail } from './foiApi';
import CasesCard from './CasesCard';
import { PublicationCard, PublishFields } from './PublicationCard';

type StepDef = { key: string; label: string; when: (a: Detail) => boolean; perm?: string; fields: (a: Detail) => ReactNode; initial?: (a: Detail) => Record<string, unknown>; path?: (a: Detail) => string; danger?: boolean };

const date = (name: string, label: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
    <Input type="date" />
  </Form.Item>
);
const text = (name: string, label: string, required = true, rows = 3) => (
  <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请填写${label}` }] : []}>
    <Input.TextArea rows={rows} />
  </Form.Item>
);

const STEPS: StepDef[] = [
  { key: 'accept', label: '受理', when: (a) => a.status === 'submitted', fields: () => <Typography.Paragraph>受理后以今日为收到申请之日（条例第三十一条），答复期限自次日起计算。</Typography.Paragraph> },
  {
    key: 'reject', label: '不予受理', danger: true, when: (a) => a.status === 'submitted' && a.channel === 'online',
    fields: () => (<><Typography.Paragraph type="secondary">仅用于并非政府信息公开申请的网上提交（广告、测试、重复提交、无法辨认）：视为未收到申请，不计算期限，不计入年报（条例第三十一条）。申请人可在查询页看到原因。属于重复申请、信访举报等的申请应受理后作「不予处理」决定。</Typography.Paragraph>
      <Form.Item name="kind" label="原因" rules={[{ required: true, message: '请选择原因' }]}><Select options={REJECT_KIND_OPTIONS} showSearch optionFilterProp="label" /></Form.Item>{text('note', '说明', false, 2)}</>),
  },
  { key: 'transfer', label: '转办', when: (a) => a.status === 'submitted' || a.status === 'processing', fields: () => <TransferFields /> },
  {
    key: 'supplement-request', label: '补正告知', when: (a) => a.status === 'processing' && !a.supplement,
    fields: (a) => (<>{date('noticeOn', '告知日期')}<Typography.Paragraph type="secondary">须在 {a.supplementNoticeDeadline} 前一次性告知（条例第三十条）。</Typography.Paragraph>{date('supplyBy', '补正期限')}{text('items', '需补正的事项')}</>),
    initial: () => ({ noticeOn: today() }),
  },
  { key: 'supplement-received', label: '收到补正', when: (a) => a.status === 'awaiting_supplement', fields: () => date('suppliedOn', '收到补正日期'), initial: () => ({ suppliedOn: today() }) },
  {
    key: 'pauses', label: '征求意见', when: (a) => a.status === 'processing',
    fields: () => (<><Form.Item name="kind" label="征求对象类型" rules={[{ required: true }]}><Select options={[{ value: 'third_party', label: '第三方（条例第三十二条）' }, { value: 'other_agency', label: '其他机关（条例第三十四条）' }]} /></Form.Item>
      <Form.Item name="party" label="征求意见对象" rules={[{ required: true, message: '请填写征求意见对象' }]}><Input /></Form.Item>{date('sentOn', '发出日期')}</>),
    initial: () => ({ kind: 'third_party', sentOn: today() }),
  },
  {
    key: 'extension', label: '批准延期', perm: 'foi.approveExtension', when: (a) => a.status === 'processing' || a.status === 'awaiting_fee',
    fields: (a) => (<><Typography.Paragraph type="secondary">须在原答复期限 {a.clock.firstLimit ?? '—'} 届满前批准并告知申请人，最长 20 个工作日（条例第三十三条）。</Typography.Paragraph>
      <Form.Item name="days" label="延长工作日数" rules={[{ required: true }]}><InputNumber min={1} max={20} /></Form.Item>{date('approvedOn', '批准日期')}{text('reason', '延期理由')}</>),
    initial: () => ({ days: 20, approvedOn: today() }),
  },
  {
    key: 'fee-notice', label: '收费通知', when: (a) => a.status === 'processing' && !a.fee,
    fields: () => (<><Form.Item name="scheme" label="计费方式" rules={[{ required: true }]}><Select options={[{ value: 'per_request', label: '按件（当月第几件）' }, { value: 'per_page', label: '按量（页数）' }]} /></Form.Item>
      <Form.Item name="quantity" label="件次或页数" rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>{date('noticeOn', '通知日期')}</>),
    initial: () => ({ scheme: 'per_page', noticeOn: today() }),
  },
  { key: 'fee-paid', label: '已缴费', when: (a) => a.status === 'awaiting_fee', fields: () => date('paidOn', '缴费日期'), initial: () => ({ paidOn: today() }) },
  {
    key: 'decide', label: '作出决定', when: (a) => ['processing', 'awaiting_supplement', 'awaiting_fee', 'decided'].includes(a.status),
    fields: () => (<><Form.Item name="outcome" label="办理结果" rules={[{ required: true, message: '请选择办理结果' }]}><Select options={OUTCOME_OPTIONS} showSearch optionFilterProp="label" /></Form.Item>
      {date('decidedOn', '决定日期')}{text('note', '说明（理由、获取途径等）', false)}<Form.Item name="referTo" label="负责公开的机关及联系方式（不属本机关信息时）"><Input /></Form.Item></>),
    initial: (a) => ({ decidedOn: today(), outcome: a.outcome ?? undefined }),
  },
  { key: 'reply', label: '答复', when: (a) => a.status === 'decided', fields: () => <ReplyFields />, initial: () => ({ repliedOn: today() }) },
  {
    key: 'deliver', label: '送达', when: (a) => a.status === 'replied',
    fields: () => (<><Form.Item name="method" label="送达方式" rules={[{ required: true }]}><Select options={[{ value: 'portal', label: '网站电子送达（申请人凭查询码下载）' }, { value: 'email', label: '电子邮件' }, { value: 'post', label: '邮寄' }, { value: 'in_person', label: '当面送达' }, { value: 'fax', label: '传真' }]} /></Form.Item>
      {date('deliveredOn', '送达日期')}{text('note', '送达说明（邮件号等）', false, 2)}</>),
    initial: () => ({ method: 'portal', deliveredOn: today() }),
  },
  {
    key: 'publish', label: '转主动公开', when: (a) => ['replied', 'delivered'].includes(a.status) && ['granted', 'partial'].includes(a.outcome ?? '') && (!a.publication || a.publication.status === 'withdrawn'),
    fields: (a) => <PublishFields id={a.id} />,
  },
  { key: 'archive', label: '归档', when: (a) => a.status === 'delivered', fields: () => <Typography.Paragraph>归档后案卷只读，不能再修改。</Typography.Paragraph>, danger: true },
];

function TransferFields() {
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  useEffect(() => void foiApi.units().then((r) => setUnits(r.items)), []);
  return (<><Form.Item name="unitId" label="转至单位" rules={[{ required: true, message: '请选择单位' }]}><Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" /></Form.Item>{text('reason', '转办理由')}</>);
}

function ReplyFields() {
  const form = Form.useFormInstance();
  const [chosen, setChosen] = useState<string[]>([]);
  const id = Number(new URLSearchParams(window.location.search).get('id'));
  const { message } = App.useApp();
  const load = async () => {
    try {
      form.setFieldValue('text', (await foiApi.template(id)).text);
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <>
      <Button onClick={() => void load()} style={{ marginBottom: 12 }}>
        按办理结果填入答复模板
      </Button>
      <Form.Item name="text" label="答复书正文" rules={[{ required: true, min: 10, message: '请填写答复书正文' }]}>
        <Input.TextArea rows={12} />
      </Form.Item>
      {date('repliedOn', '答复日期')}
      <Form.Item name="files" hidden>
        <Input />
      </Form.Item>
      <label htmlFor="foi-reply-files">答复附件（可选，最多 3 个，pdf/jpg/png/docx/xlsx/txt，每个不超过 1 MB）</label>
      <br />
      <input
        id="foi-reply-files"
        type="file"
        multiple
        accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt"
        onChange={(e) => {
          const list = [...(e.target.files ?? [])].slice(0, 3);
          void Promise.all(list.map(async (f) => ({ name: f.name, contentBase64: toBase64(new Uint8Array(await f.arrayBuffer())) }))).then((files) => {
            form.setFieldValue('files', files);
            setChosen(files.map((f) => f.name));
          });
        }}
      />
      {chosen.length > 0 && <Typography.Paragraph>已选择附件：{chosen.join('、')}</Typography.Paragraph>}
    </>
  );
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export default function ApplicationDetail({ id }: { id: number }) {
  const { message } = App.useApp();
  const canApprove = useCan('foi.approveExtension');
  const canHandle = useCan('foi.handle');
  const [a, setA] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<StepDef | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setA(await foiApi.get(id));
      setError(null);
    } catch (e) {
      setError(errText(e));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  const open = (s: StepDef) => {
    form.resetFields();
    if (a && s.initial) form.setFieldsValue(s.initial(a));
    setStep(s);
  };
  const submit = async () => {
    if (!step || !a) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      setA(await foiApi.step(a.id, step.key, v));
      message.success(`已${step.label}`);
      setStep(null);
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const answerPause = async (pauseId: number) => {
    try {
      setA(await foiApi.step(id, `pauses/${pauseId}/answer`, { answeredOn: today(), note: '' }));
    } catch (e) {
      message.error(errText(e));
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!a) return <Card loading />;
  const steps = STEPS.filter((s) => s.when(a) && (s.perm === 'foi.approveExtension' ? canApprove : canHandle));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/foi')}>
        返回列表
      </Button>
      <Card title={<span>申请 {a.number} <Tag>{STATUS_LABELS[a.status]}</Tag></span>}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="受理单位">{a.unitName}</Descriptions.Item>
          <Descriptions.Item label="渠道">{CHANNEL_LABELS[a.channel] ?? a.channel}</Descriptions.Item>
          <Descriptions.Item label="申请人">{a.applicantName}{a.legalSubtype ? `（${SUBTYPE_LABELS[a.legalSubtype]}）` : '（自然人）'}</Descriptions.Item>
          <Descriptions.Item label="证件号码">{a.idNumber}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{a.phone}</Descriptions.Item>
          <Descriptions.Item label="电子邮箱 / 地址">{[a.email, a.address].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
          <Descriptions.Item label="所需信息" span={2}>{a.description}</Descriptions.Item>
          {a.needsHelp && <Descriptions.Item label="需要的帮助（条例第四十三条）" span={2}>{a.needsHelp}</Descriptions.Item>}
          <Descriptions.Item label="收到日期">{a.receivedOn ?? '待受理'}</Descriptions.Item>
          <Descriptions.Item label="答复期限">{a.dueDate ?? (a.clock.state === 'awaiting_supplement' ? '补正后重新计算' : '—')} {a.clock.provisional && <Tag color="orange">节假日安排未发布，暂定</Tag>}</Descriptions.Item>
          <Descriptions.Item label="剩余工作日"><DaysLeft n={a.workingDaysLeft} /></Descriptions.Item>
          <Descriptions.Item label="计时">{a.clock.state === 'paused' ? '暂停（征求意见/缴费中）' : a.clock.state === 'running' ? `自 ${a.clock.startOn} 起计算，已扣除 ${a.clock.pausedDays} 个工作日` : '—'}</Descriptions.Item>
          {a.supplement && <Descriptions.Item label="补正" span={2}>{a.supplement.noticeOn} 告知，期限 {a.supplement.supplyBy}：{a.supplement.items}{a.supplement.suppliedOn ? `；${a.supplement.suppliedOn} 收到补正` : ''}</Descriptions.Item>}
          {a.extension && <Descriptions.Item label="延期" span={2}>{a.extension.approvedOn} 由 {a.extension.approvedBy} 批准延长 {a.extension.days} 个工作日：{a.extension.reason}</Descriptions.Item>}
          {a.fee && <Descriptions.Item label="信息处理费" span={2}>{a.fee.amount} 元（{a.fee.noticeOn} 通知，{a.fee.payBy} 前缴纳）{a.fee.paidOn ? `；${a.fee.paidOn} 已缴` : ''}</Descriptions.Item>}
          {a.outcomeLabel && <Descriptions.Item label="办理结果" span={2}>{a.outcomeLabel}{a.outcomeNote ? `：${a.outcomeNote}` : ''}</Descriptions.Item>}
          {a.rejection && <Descriptions.Item label="不予受理" span={2}>{a.rejection.on}：{a.rejection.reason}</Descriptions.Item>}
          {a.deliveredOn && <Descriptions.Item label="送达" span={2}>{a.deliveredOn}（{a.deliveryMethod}）{a.deliveryNote}</Descriptions.Item>}
        </Descriptions>
        {steps.length > 0 && (
          <Space wrap style={{ marginTop: 16 }} aria-label="办理操作">
            {steps.map((s) => (
              <Button key={s.key} type={s.key === 'decide' || s.key === 'reply' || s.key === 'accept' ? 'primary' : 'default'} danger={s.danger} onClick={() => open(s)}>
                {s.label}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      {a.pauses.length > 0 && (
        <Card title="征求意见">
          <Table rowKey="id" size="small" pagination={false} dataSource={a.pauses} columns={[
            { title: '对象', dataIndex: 'party' },
            { title: '发出', dataIndex: 'sentOn' },
            { title: '期限', dataIndex: 'limitOn' },
            { title: '答复', dataIndex: 'answeredOn', render: (v: string | null, p) => v ?? (canHandle && a.status === 'processing' ? <Button size="small" onClick={() => void answerPause(p.id)}>今日收到意见</Button> : '—') },
          ]} />
        </Card>
      )}
      {a.replyText && (
        <Card title="答复书" extra={<a href={`/api/v1/foi/applications/${a.id}/reply.docx`} download>下载答复书（Word 文档）</a>}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.replyText}</Typography.Paragraph>
        </Card>
      )}
      {a.files.length > 0 && (
        <Card title="附件">
          <ul>
            {a.files.map((f) => (
              <li key={f.id}>
                <a href={`/api/v1/foi/applications/${a.id}/files/${f.id}`}>{f.name}</a>（{f.purpose === 'reply' ? '答复附件' : '申请材料'}，{Math.ceil(f.size / 1024)} KB）
              </li>
            ))}
          </ul>
        </Card>
      )}
      {a.publication && <PublicationCard p={a.publication} />}
      {a.receivedOn && <CasesCard applicationId={a.id} unitId={a.unitId} canEdit={canHandle} />}
      <Card title="办理记录">
        <Timeline items={a.events.map((e) => ({ content: `${e.at.slice(0, 16).replace('T', ' ')} ${EVENT_LABELS[e.kind] ?? e.kind}${e.onDate ? `（${e.onDate}）` : ''} · ${e.actorName}` }))} />
      </Card>
      <Modal title={step?.label} open={!!step} onCancel={() => setStep(null)} onOk={() => void submit()} okText={`确认${step?.label ?? ''}`} confirmLoading={busy} destroyOnHidden width={step?.key === 'reply' || step?.key === 'publish' ? 760 : 560}>
        <Form form={form} layout="vertical" name={`foiStep-${step?.key ?? ''}`}>
          {step?.fields(a)}
        </Form>
      </Modal>
    </Space>
  );
}
