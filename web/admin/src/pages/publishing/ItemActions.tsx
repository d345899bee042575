// Actions on an item, by state and permission: 提交审核, 通过 / 退回, 发布 (now or scheduled), 撤回.
// The server has the last word; its Chinese messages are shown as they come.
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Space, Spin, Typography } from 'antd';
import { CheckOutlined, EditOutlined, ExportOutlined, RollbackOutlined, SendOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { navigate } from '../../router';
import { pubApi, type Item, type PrivacyFinding } from './api';
import { STAGE_ROLE, canOnUnit, hasRoleOn, isBundledMember, portalUrl } from './labels';

type Dialog = 'approve' | 'return' | 'publish' | 'withdraw' | null;

interface DialogValues {
  comment?: string;
  acceptPrivacyFindings?: string;
  reason?: string;
  when?: 'now' | 'later';
  publishAt?: Dayjs | null;
}

const DIALOG_TITLES: Record<Exclude<Dialog, null>, string> = {
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

export default function ItemActions({ item, onChanged }: { item: Item; onChanged: () => Promise<void> | void }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<DialogValues>();
  const when = Form.useWatch('when', form);
  // Personal-data gate before 终审: null while checking.
  const [findings, setFindings] = useState<PrivacyFinding[] | null>(null);
  const finalStage = item.stage === 'final';

  const lead = !isBundledMember(item);
  const canDraft = canOnUnit(me, 'content.draft', item.unitId);
  const reviewer = Object.values(STAGE_ROLE).some((role) => hasRoleOn(me, role, item.unitId));
  const canPublish = canOnUnit(me, 'content.publish', item.unitId);
  const canWithdraw = canOnUnit(me, 'content.withdraw', item.unitId);

  const run = async (label: string, action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      message.success(`${label}成功`);
      setDialog(null);
      await onChanged();
    } catch (err) {
      setError(`${label}失败：${errorMessage(err)}`);
      setDialog(null);
    } finally {
      setBusy(false);
    }
  };

  const open = (d: Exclude<Dialog, null>) => {
    setError(null);
    setDialog(d);
    if (d === 'approve' && finalStage) {
      setFindings(null);
      pubApi
        .privacyCheck(item.id)
        .then((r) => setFindings(r.findings))
        .catch((err) => {
          setDialog(null);
          setError(`个人信息检查失败：${errorMessage(err)}`);
        });
    }
  };

  const confirm = async () => {
    // Field errors are shown on the form.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (dialog === 'approve') {
      const accept = v.acceptPrivacyFindings?.trim() || undefined;
      await run('审核通过', () => pubApi.decide(item.id, 'approve', v.comment?.trim() ?? '', accept));
    }
    else if (dialog === 'return') await run('退回', () => pubApi.decide(item.id, 'return', v.comment?.trim() ?? ''));
    else if (dialog === 'publish') {
      const at = v.when === 'later' && v.publishAt ? v.publishAt.toISOString() : undefined;
      await run(at ? '定时发布' : '发布', () => pubApi.publish(item.id, at));
    } else if (dialog === 'withdraw') await run('撤回', () => pubApi.withdraw(item.id, v.reason?.trim() ?? ''));
  };

  const buttons = [];
  if (item.status === 'draft' && canDraft) {
    buttons.push(
      <Button key="edit" icon={<EditOutlined />} onClick={() => navigate(`/content/${item.id}/edit`)}>
        编辑
      </Button>,
    );
    if (lead)
      buttons.push(
        <Button key="submit" type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void run('提交审核', () => pubApi.submit(item.id))}>
          提交审核
        </Button>,
      );
  }
  if (item.status === 'in_review' && lead && reviewer) {
    buttons.push(
      <Button key="approve" type="primary" icon={<CheckOutlined />} onClick={() => open('approve')}>
        通过
      </Button>,
      <Button key="return" danger icon={<RollbackOutlined />} onClick={() => open('return')}>
        退回
      </Button>,
    );
  }
  if (item.status === 'approved' && lead && canPublish) {
    buttons.push(
      <Button key="publish" type="primary" icon={<UploadOutlined />} onClick={() => open('publish')}>
        发布
      </Button>,
    );
  }
  if ((item.status === 'published' || item.status === 'scheduled') && canWithdraw) {
    buttons.push(
      <Button key="withdraw" danger icon={<StopOutlined />} onClick={() => open('withdraw')}>
        撤回
      </Button>,
    );
  }
  if (item.status === 'published') {
    buttons.push(
      <Button key="portal" icon={<ExportOutlined />} href={portalUrl(item)} target="_blank" rel="noreferrer">
        在门户查看
      </Button>,
    );
  }

  return (
    <div>
      {buttons.length > 0 && (
        <Space wrap aria-label="可执行的操作" role="group">
          {buttons}
          {item.status === 'in_review' && lead && reviewer && item.stageLabel && (
            <Typography.Text type="secondary">当前环节：{item.stageLabel}</Typography.Text>
          )}
        </Space>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          closable={{ onClose: () => setError(null) }}
          style={{ marginTop: 12 }}
        />
      )}
      <Modal
        title={dialog ? DIALOG_TITLES[dialog] : ''}
        open={dialog !== null}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: dialog === 'approve' && finalStage && findings === null }}
        onOk={() => void confirm()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="itemAction" initialValues={{ when: 'now' }} preserve={false}>
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
    </div>
  );
}
