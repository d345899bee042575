// Policy editor (政策文件草稿): every field of POST /policies, the body in the rich-text editor,
// Word import and, once saved, attachments.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Divider, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAuth } from '../../auth';
import { navigate } from '../../router';
import { unitSelectOptions } from '../../unitTree';
import { unitOptionRender } from '../../components/unitOptionRender';
import { pubApi, type Policy, type PolicyInput } from './api';
import { POLICY_KINDS } from './labels';
import { useRefData } from './refData';
import RichTextEditor from './RichTextEditor';
import Attachments from './Attachments';
import { DocxImportButton, applyServerError, columnOptions, draftUnits, fromDate, toDate } from './editorShared';

interface Values {
  title: string;
  unitId: number;
  docNumber: string;
  issuerUnitIds: number[];
  policyKind: string;
  writtenDate: Dayjs | null;
  effectiveDate: Dayjs | null;
  validUntil: Dayjs | null;
  topic: string;
  keywords: string;
  summary: string;
  legalityReviewedOn: Dayjs | null;
  registrationNo: string;
  commentUrl: string;
  commentStart: Dayjs | null;
  commentEnd: Dayjs | null;
  columnIds: number[];
  requiresInterpretation: boolean;
  bodyHtml: string;
}

const FIELDS: (keyof Values)[] = [
  'title', 'unitId', 'docNumber', 'issuerUnitIds', 'policyKind', 'writtenDate', 'effectiveDate', 'validUntil', 'topic', 'keywords',
  'summary', 'legalityReviewedOn', 'registrationNo', 'commentUrl', 'commentStart', 'commentEnd', 'columnIds', 'requiresInterpretation', 'bodyHtml',
];

function initialValues(p: Policy | undefined, unitId: number | undefined): Partial<Values> {
  if (!p) {
    return {
      unitId, issuerUnitIds: unitId ? [unitId] : [], policyKind: '行政规范性文件', requiresInterpretation: true, columnIds: [],
      docNumber: '', title: '', topic: '', keywords: '', summary: '', registrationNo: '', commentUrl: '', bodyHtml: '',
    };
  }
  const f = p.policy;
  return {
    title: p.title, unitId: p.unitId, docNumber: f.docNumber, issuerUnitIds: f.issuerUnitIds, policyKind: f.policyKind,
    writtenDate: fromDate(f.writtenDate), effectiveDate: fromDate(f.effectiveDate), validUntil: fromDate(f.validUntil), topic: p.topic,
    keywords: p.keywords, summary: p.summary, legalityReviewedOn: fromDate(f.legalityReviewedOn), registrationNo: f.registrationNo,
    commentUrl: f.commentUrl, commentStart: fromDate(f.commentStart), commentEnd: fromDate(f.commentEnd), columnIds: p.columnIds,
    requiresInterpretation: f.requiresInterpretation, bodyHtml: p.bodyHtml,
  };
}

function toInput(v: Values): PolicyInput {
  return {
    unitId: v.unitId, title: v.title, summary: v.summary ?? '', keywords: v.keywords ?? '', topic: v.topic ?? '', bodyHtml: v.bodyHtml ?? '',
    columnIds: v.columnIds ?? [], docNumber: (v.docNumber ?? '').trim(), issuerUnitIds: v.issuerUnitIds ?? [], policyKind: v.policyKind,
    writtenDate: toDate(v.writtenDate), effectiveDate: toDate(v.effectiveDate), validUntil: toDate(v.validUntil),
    requiresInterpretation: v.requiresInterpretation, registrationNo: (v.registrationNo ?? '').trim(),
    legalityReviewedOn: toDate(v.legalityReviewedOn), commentUrl: (v.commentUrl ?? '').trim(), commentStart: toDate(v.commentStart),
    commentEnd: toDate(v.commentEnd),
  };
}

export function PolicyEditor({ policy }: { policy?: Policy }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const ref = useRefData();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const unitId = Form.useWatch('unitId', form);
  const policyKind = Form.useWatch('policyKind', form);

  const myUnits = useMemo(() => draftUnits(me, ref.units), [me, ref.units]);
  const unitOptions = useMemo(() => unitSelectOptions(myUnits), [myUnits]);
  const allUnitOptions = useMemo(() => unitSelectOptions(ref.units), [ref.units]);

  // Fill the form once the units are known (the default unit is the first one I draft for).
  useEffect(() => {
    if (ready || !ref.units.length) return;
    const first = myUnits.find((u) => String(u.id) === String(me.unitId)) ?? myUnits[0];
    form.setFieldsValue(initialValues(policy, first ? Number(first.id) : undefined));
    setReady(true);
  }, [ready, ref.units, myUnits, me.unitId, policy, form]);

  const onKindChange = (kind: string) => {
    if (!form.isFieldTouched('requiresInterpretation')) form.setFieldValue('requiresInterpretation', kind === '行政规范性文件');
  };

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const input = toInput(v);
      const saved = policy ? await pubApi.updatePolicy(policy.id, input) : await pubApi.createPolicy(input);
      message.success(policy ? '已保存修改' : '已保存草稿');
      navigate(`/content/${saved.id}`);
    } catch (err) {
      setError(applyServerError(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const normative = policyKind === '行政规范性文件';
  const heading = policy ? '编辑政策文件' : '新建政策文件';
  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>{heading}</h1>}
      extra={<DocxImportButton onImported={(r) => form.setFieldsValue({ ...(r.title && { title: r.title }), bodyHtml: r.bodyHtml })} />}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {ref.error && <Alert type="error" showIcon title={ref.error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="policy" layout="vertical" onFinish={(v) => void save(v)} disabled={!ready} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, max: 200, whitespace: true, message: '请填写标题（2～200 字）' }]}>
              <Input maxLength={200} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="unitId" label="起草单位" rules={[{ required: true, message: '请选择起草单位' }]}>
              <Select
                options={unitOptions}
                optionRender={unitOptionRender}
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!!policy}
                onChange={(u: number) => {
                  if (!form.isFieldTouched('issuerUnitIds')) form.setFieldValue('issuerUnitIds', [u]);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="policyKind" label="文件类型" rules={[{ required: true, message: '请选择文件类型' }]}>
              <Select options={POLICY_KINDS.map((k) => ({ value: k, label: k }))} onChange={onKindChange} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item name="docNumber" label="发文字号" extra="如 相政办〔2025〕3号：年份用六角括号〔〕，序号不加「第」、不编虚位">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="issuerUnitIds" label="发文机关" rules={[{ required: true, type: 'array', min: 1, message: '请选择发文机关' }]}>
              <Select mode="multiple" options={allUnitOptions} optionRender={unitOptionRender} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="writtenDate" label="成文日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="effectiveDate" label="实施日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="validUntil" label="有效期至" extra={normative ? '留空则为实施日期起五年' : undefined}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {normative && (
            <>
              <Col xs={24} sm={12}>
                <Form.Item name="legalityReviewedOn" label="合法性审核日期" extra="行政规范性文件须经合法性审核后才能提交审核">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="registrationNo" label="统一登记编号">
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="topic" label="主题分类">
              <Input maxLength={100} placeholder="如 劳动、人事、监察\其他" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="keywords" label="关键词" extra="多个关键词用逗号分隔">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label="内容概述">
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="columnIds" label="发布栏目">
              <Select mode="multiple" options={columnOptions(ref.columns, unitId)} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="requiresInterpretation" valuePropName="checked" label="政策解读" extra="须解读的文件与解读同步起草、同步审签、同步发布">
              <Checkbox>须同步发布政策解读</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          公开征求意见
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="commentUrl" label="征求意见链接" rules={[{ type: 'url', message: '征求意见链接须为网址' }]}>
              <Input placeholder="https://" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="commentStart" label="征求意见开始日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="commentEnd" label="征求意见截止日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="bodyHtml" label="正文" extra="保存时服务器会清理不安全的格式">
          <RichTextEditor label="正文" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存草稿
          </Button>
          <Button onClick={() => navigate(policy ? `/content/${policy.id}` : '/content')}>取消</Button>
        </Space>
      </Form>
      {policy && (
        <>
          <Divider />
          <Attachments itemId={policy.id} editable />
        </>
      )}
      {!policy && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          保存草稿后可上传附件、起草政策解读。
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export default function NewPolicy() {
  return <PolicyEditor />;
}
