// 依申请公开转主动公开 (条例第四十四条): the proposal form (a workflow step) and the linked item's state in the pipeline.
import { useEffect } from 'react';
import { App, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { Link } from '../../router';
import { errText, foiApi, type Detail } from './foiApi';

/** Fields of the 「转主动公开」 step: the proposed de-identified text, loaded when the dialog opens. */
export function PublishFields({ id }: { id: number }) {
  const form = Form.useFormInstance();
  const { message } = App.useApp();
  useEffect(() => {
    foiApi.publicationProposal(id).then((p) => form.setFieldsValue(p)).catch((e) => message.error(errText(e)));
  }, [id, form, message]);
  return (
    <>
      <Typography.Paragraph type="secondary">
        申请公开的信息属于多人申请或涉及公众利益的，应转为主动公开（条例第四十四条）。提交后进入本单位的审核流程（含保密审查），经终审后发布。不得包含申请人的姓名、证件号码、联系方式等个人信息。
      </Typography.Paragraph>
      <Form.Item name="title" label="公开标题" rules={[{ required: true, min: 2, message: '请填写公开标题' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="text" label="拟公开的内容" rules={[{ required: true, min: 10, message: '请填写拟公开的内容' }]}>
        <Input.TextArea rows={10} />
      </Form.Item>
      <Form.Item name="columnIds" hidden>
        <Input />
      </Form.Item>
    </>
  );
}

const STATUS_COLORS: Record<string, string> = { published: 'green', in_review: 'blue', approved: 'cyan', scheduled: 'cyan', draft: 'default', withdrawn: 'red' };

/** Where the proposal stands in the publishing pipeline. */
export function PublicationCard({ p }: { p: NonNullable<Detail['publication']> }) {
  return (
    <Card title="转主动公开">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="公开内容">
          <Link to={`/content/${p.itemId}`}>{p.title}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[p.status]}>{p.statusLabel}</Tag>
        </Descriptions.Item>
        {p.indexNo && <Descriptions.Item label="索引号">{p.indexNo}</Descriptions.Item>}
        {p.status === 'published' && (
          <Descriptions.Item label="网站页面">
            <a href={p.url} target="_blank" rel="noreferrer">
              {p.url}（{p.publishedAt?.slice(0, 10)} 发布）
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
