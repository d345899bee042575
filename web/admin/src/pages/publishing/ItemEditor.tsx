// Editors of 通知公告 and 政策解读 drafts. An interpretation drafted while its policy is a draft
// joins the policy's bundle: reviewed and published together (同步审签、同步发布).
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useAuth } from '../../auth';
import { navigate, useRoute } from '../../router';
import { unitSelectOptions } from '../../unitTree';
import { unitOptionRender } from '../../components/unitOptionRender';
import { errorMessage } from '../../api';
import { pubApi, type Interpretation, type Item } from './api';
import { INTERPRETATION_FORMS, STATUS_LABELS, idFromRoute } from './labels';
import { useRefData } from './refData';
import RichTextEditor from './RichTextEditor';
import Attachments from './Attachments';
import { DocxImportButton, applyServerError, columnOptions, draftUnits } from './editorShared';

interface Values {
  title: string;
  unitId: number;
  form: string;
  policyIds: number[];
  topic: string;
  keywords: string;
  summary: string;
  columnIds: number[];
  bodyHtml: string;
}

const FIELDS: (keyof Values)[] = ['title', 'unitId', 'form', 'policyIds', 'topic', 'keywords', 'summary', 'columnIds', 'bodyHtml'];

type Kind = 'notice' | 'interpretation';

export function ItemEditor({ kind, item, policyId }: { kind: Kind; item?: Item | Interpretation; policyId?: number }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const ref = useRefData();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [policies, setPolicies] = useState<Item[]>([]);
  const unitId = Form.useWatch('unitId', form);
  const policyIds = Form.useWatch('policyIds', form);
  const isInterp = kind === 'interpretation';

  const myUnits = useMemo(() => draftUnits(me, ref.units), [me, ref.units]);
  const unitOptions = useMemo(() => unitSelectOptions(myUnits), [myUnits]);

  useEffect(() => {
    if (!isInterp) return;
    pubApi
      .listItems({ kind: 'policy', pageSize: 200 })
      .then((r) => setPolicies(r.items.filter((p) => p.status !== 'withdrawn')))
      .catch((err) => setError(errorMessage(err)));
  }, [isInterp]);

  useEffect(() => {
    if (ready || !ref.units.length) return;
    const first = myUnits.find((u) => String(u.id) === String(me.unitId)) ?? myUnits[0];
    if (item) {
      form.setFieldsValue({
        title: item.title, unitId: item.unitId, topic: item.topic, keywords: item.keywords, summary: item.summary, columnIds: item.columnIds,
        bodyHtml: item.bodyHtml, ...('form' in item && { form: item.form, policyIds: item.policyIds }),
      });
    } else {
      form.setFieldsValue({
        title: '', unitId: first ? Number(first.id) : undefined, topic: '', keywords: '', summary: '', columnIds: [], bodyHtml: '',
        ...(isInterp && { form: '文字', policyIds: policyId ? [policyId] : [] }),
      });
    }
    setReady(true);
  }, [ready, ref.units, myUnits, me.unitId, item, form, isInterp, policyId]);

  const lead = policies.find((p) => p.id === (policyIds?.[0] ?? policyId));
  // The interpretation's unit is its policy's (谁起草谁解读): columns follow that unit.
  const effectiveUnit = isInterp ? (item?.unitId ?? lead?.unitId) : unitId;

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    const common = { title: v.title, topic: v.topic ?? '', keywords: v.keywords ?? '', summary: v.summary ?? '', columnIds: v.columnIds ?? [], bodyHtml: v.bodyHtml ?? '' };
    try {
      let saved: Item;
      if (item) saved = await pubApi.updateItem(item.id, common);
      else if (isInterp) saved = await pubApi.createInterpretation({ ...common, form: v.form, policyIds: v.policyIds });
      else saved = await pubApi.createItem({ ...common, kind: 'notice', unitId: v.unitId });
      message.success(item ? '已保存修改' : '已保存草稿');
      // A new interpretation is shown on its policy, where the bundle is.
      navigate(`/content/${!item && isInterp && saved.bundleId ? saved.bundleId : saved.id}`);
    } catch (err) {
      setError(applyServerError(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const label = isInterp ? '政策解读' : '通知公告';
  const heading = item ? `编辑${label}` : isInterp ? '新增政策解读' : '新建通知公告';
  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>{heading}</h1>}
      extra={<DocxImportButton onImported={(r) => form.setFieldsValue({ ...(r.title && { title: r.title }), bodyHtml: r.bodyHtml })} />}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {ref.error && <Alert type="error" showIcon title={ref.error} style={{ marginBottom: 16 }} />}
      {isInterp && !item && lead && (
        <Alert
          type={lead.status === 'draft' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            lead.status === 'draft'
              ? `《${lead.title}》尚是草稿：本解读将与它同步审核、同步发布（提交、审核、发布都在政策文件上进行）。`
              : `《${lead.title}》当前为「${STATUS_LABELS[lead.status] ?? lead.status}」：本解读将单独审核和发布。`
          }
        />
      )}
      <Form<Values> form={form} name={kind} layout="vertical" onFinish={(v) => void save(v)} disabled={!ready} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, max: 200, whitespace: true, message: '请填写标题（2～200 字）' }]}>
              <Input maxLength={200} showCount />
            </Form.Item>
          </Col>
          {isInterp ? (
            <Col xs={24} lg={8}>
              <Form.Item name="form" label="解读形式" rules={[{ required: true, message: '请选择解读形式' }]}>
                <Select disabled={!!item} options={INTERPRETATION_FORMS.map((f) => ({ value: f, label: f }))} />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} lg={8}>
              <Form.Item name="unitId" label="发布单位" rules={[{ required: true, message: '请选择单位' }]}>
                <Select options={unitOptions} optionRender={unitOptionRender} showSearch={{ optionFilterProp: 'label' }} disabled={!!item} />
              </Form.Item>
            </Col>
          )}
          {isInterp && (
            <Col span={24}>
              <Form.Item
                name="policyIds"
                label="所解读的政策文件"
                rules={[{ required: true, type: 'array', min: 1, message: '请选择所解读的政策文件' }]}
                extra={item ? undefined : '第一个文件为主文件；视频解读须上传字幕（.vtt/.srt）'}
              >
                <Select
                  mode="multiple"
                  disabled={!!item}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={policies.map((p) => ({ value: p.id, label: `${p.title}（${STATUS_LABELS[p.status] ?? p.status}）` }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="topic" label="主题分类">
              <Input maxLength={100} />
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
              <Select mode="multiple" options={columnOptions(ref.columns, effectiveUnit)} showSearch={{ optionFilterProp: 'label' }} />
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
          <Button onClick={() => navigate(item ? `/content/${item.id}` : policyId ? `/content/${policyId}` : '/content')}>取消</Button>
        </Space>
      </Form>
      {item ? (
        <>
          <Divider />
          <Attachments itemId={item.id} editable />
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          保存草稿后可上传附件{isInterp ? '（图解、视频及字幕）' : ''}。
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function NewNotice() {
  return <ItemEditor kind="notice" />;
}

export function NewInterpretation() {
  const policyId = idFromRoute(useRoute(), 4);
  return <ItemEditor kind="interpretation" policyId={policyId} />;
}
