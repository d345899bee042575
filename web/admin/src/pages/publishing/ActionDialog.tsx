// The dialogs of the item actions (通过, 退回, 发布, 撤回), mounted afresh for each opening.
import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../api';
import { pubApi, type Item, type PrivacyFinding } from './api';

export type DialogKind = 'approve' | 'return' | 'publish' | 'withdraw';

interface DialogValues {
  comment?: string;
  acceptPrivacyFindings?: string;
  reason?: string;
  when?: 'now' | 'later';
  publishAt?: Dayjs | null;
}

const DIALOG_TITLES: Record<DialogKind, string> = {
  approve: '审核通过',
  return: '退回修改',
  publish: '发布',
  withdraw: '撤回',
};

/** 终审 sees what the personal-data check found; approving anyway needs a recorded reason. */
function PrivacyGate({ findings }: { findings: PrivacyFinding[] | null }) {
  if (findings === null) {
    return (
      <Space>
        <Spin size="small" />
        <Typography.Text>正在检查正文和附件中的个人信息…</Typography.Text>
      </Space>
    );
  }
  if (!findings.length) return <Alert type="success" showIcon title="个人信息检查：正文和附件中未发现身份证号、手机号、银行卡号。" />;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={`个人信息检查发现 ${findings.length} 处疑似个人信息：请退回遮挡，或说明理由后确认。`}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {findings.slice(0, 20).map((f, i) => (
              <li key={i}>
                《{f.itemTitle}》{f.where}：{f.preview}
              </li>
            ))}
          </ul>
        }
      />
      <Form.Item
        name="acceptPrivacyFindings"
        label="确认发布的理由"
        rules={[{ required: true, whitespace: true, message: '请说明为何可以公开这些信息' }]}
      >
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </>
  );
}

interface Props {
  dialog: DialogKind;
  item: Item;
  busy: boolean;
  onCancel: () => void;
  /** Runs the action (the caller shows success or the server's message and closes the dialog). */
  run: (label: string, action: () => Promise<unknown>) => Promise<void>;
  /** The check could not run: the caller closes the dialog and shows why. */
  onCheckFailed: (message: string) => void;
}

export default function ActionDialog({ dialog, item, busy, onCancel, run, onCheckFailed }: Props) {
  const [form] = Form.useForm<DialogValues>();
  const when = Form.useWatch('when', form);
  const finalStage = item.stage === 'final';
  // Personal-data gate before 终审: null while checking.
  const [findings, setFindings] = useState<PrivacyFinding[] | null>(null);

  useEffect(() => {
    if (dialog !== 'approve' || !finalStage) return;
    let live = true;
    pubApi
      .privacyCheck(item.id)
      .then((r) => live && setFindings(r.findings))
      .catch((err) => live && onCheckFailed(`个人信息检查失败：${errorMessage(err)}`));
    return () => {
      live = false;
    };
  }, [dialog, finalStage, item.id, onCheckFailed]);

  const confirm = async () => {
    // Field errors are shown on the form.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (dialog === 'approve') {
      const accept = v.acceptPrivacyFindings?.trim() || undefined;
      await run('审核通过', () => pubApi.decide(item.id, 'approve', v.comment?.trim() ?? '', accept));
    } else if (dialog === 'return') await run('退回', () => pubApi.decide(item.id, 'return', v.comment?.trim() ?? ''));
    else if (dialog === 'publish') {
      const at = v.when === 'later' && v.publishAt ? v.publishAt.toISOString() : undefined;
      await run(at ? '定时发布' : '发布', () => pubApi.publish(item.id, at));
    } else await run('撤回', () => pubApi.withdraw(item.id, v.reason?.trim() ?? ''));
  };

  return (
    <Modal
      title={DIALOG_TITLES[dialog]}
      open
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: dialog === 'approve' && finalStage && findings === null }}
      onOk={() => void confirm()}
      onCancel={onCancel}
    >
      <Form form={form} layout="vertical" name="itemAction" initialValues={{ when: 'now' }}>
        {(dialog === 'approve' || dialog === 'return') && (
          <>
            <Typography.Paragraph>
              《{item.title}》{item.stageLabel ? `· ${item.stageLabel}` : ''}
              {item.bundleId === item.id ? '（同批的政策解读一并决定）' : ''}
            </Typography.Paragraph>
            <Form.Item
              name="comment"
              label="审核意见"
              rules={dialog === 'return' ? [{ required: true, whitespace: true, message: '退回修改时请填写意见' }] : []}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            {dialog === 'approve' && finalStage && <PrivacyGate findings={findings} />}
          </>
        )}
        {dialog === 'publish' && (
          <>
            {item.bundleId === item.id && <Typography.Paragraph>同批的政策解读将一并发布。</Typography.Paragraph>}
            <Form.Item name="when" label="发布方式">
              <Radio.Group
                options={[
                  { value: 'now', label: '立即发布' },
                  { value: 'later', label: '定时发布' },
                ]}
              />
            </Form.Item>
            {when === 'later' && (
              <Form.Item
                name="publishAt"
                label="发布时间"
                rules={[
                  { required: true, message: '请选择发布时间' },
                  {
                    validator: (_, v: Dayjs | null) =>
                      !v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error('定时发布时间须晚于当前时间')),
                  },
                ]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            )}
          </>
        )}
        {dialog === 'withdraw' && (
          <>
            <Typography.Paragraph>
              撤回后，门户页面只显示撤回时间和原因，信息从检索、订阅和网站地图中移除。
              {item.bundleId === item.id ? '同批的政策解读一并撤回。' : ''}
            </Typography.Paragraph>
            <Form.Item
              name="reason"
              label="撤回原因"
              rules={[{ required: true, whitespace: true, min: 2, message: '请填写撤回原因（至少 2 个字）' }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
