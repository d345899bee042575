// 免于同步解读: a policy that must be released with its interpretation may go out alone when
// whoever holds content.waiveInterpretation records why. Shown with who decided and when;
// withdrawn (while the policy has not gone out) it needs its interpretation again.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../labels';
import { pubApi, type Policy, type PolicyRecord } from './api';
import { useServerAction } from './useServerAction';

const RELEASED = ['published', 'scheduled', 'withdrawn'];

export default function InterpretationWaiver({ policy, waiver, onChanged }: { policy: Policy; waiver: PolicyRecord['waiver']; onChanged: () => Promise<void> | void }) {
  const { me } = useAuth();
  const [open, setOpen] = useState(false);
  const { busy, error, setError, run: runAction } = useServerAction(onChanged);
  const run = (label: string, action: () => Promise<unknown>) => runAction(label, action, (ok) => ok && setOpen(false));
  const [form] = Form.useForm<{ reason: string }>();
  const may = me.permissions.includes('content.waiveInterpretation');
  const f = policy.policy;

  const confirm = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await run('免于同步解读', () => pubApi.waiveInterpretation(policy.id, v.reason.trim()));
  };

  if (!f.requiresInterpretation) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      {f.interpretationWaiver ? (
        <Alert
          type="warning"
          showIcon
          title={`已免于同步解读：${f.interpretationWaiver}`}
          description={waiver?.by ? `${waiver.by} 于 ${formatDateTime(waiver.at)} 决定` : undefined}
          action={
            may && !RELEASED.includes(policy.status) ? (
              <Popconfirm title="撤销后，该文件须与解读同步发布。确定撤销？" okText="撤销" cancelText="取消" onConfirm={() => void run('撤销免于解读', () => pubApi.withdrawWaiver(policy.id))}>
                <Button size="small" loading={busy}>
                  撤销免于解读
                </Button>
              </Popconfirm>
            ) : undefined
          }
        />
      ) : (
        may &&
        policy.status !== 'withdrawn' && (
          <Space>
            <Button
              onClick={() => {
                setError(null);
                form.resetFields();
                setOpen(true);
              }}
            >
              免于同步解读
            </Button>
            <Typography.Text type="secondary">须说明理由，记入审计日志</Typography.Text>
          </Space>
        )
      )}
      {error && !open && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} closable={{ onClose: () => setError(null) }} />}
      {open && (
        <Modal title="免于同步解读" open okText="确定" cancelText="取消" confirmLoading={busy} onOk={() => void confirm()} onCancel={() => setOpen(false)}>
          <Typography.Paragraph>
            《{policy.title}》须与政策解读同步起草、同步审签、同步发布。免于解读后，该文件可以不附解读单独提交审核和发布。
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" name="waiver">
            <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, min: 4, message: '请说明理由（至少 4 个字）' }]}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
