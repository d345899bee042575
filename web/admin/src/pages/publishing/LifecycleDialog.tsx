// The dialogs of a policy's life (公开征求意见, 合法性审核与登记, 执行效果评估, 修订, 废止), mounted
// afresh for each opening. The server's refusals are shown in the dialog, which stays open.
import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../api';
import { pubApi, type Item, type Policy } from './api';

export type LifecycleDialogKind = 'comment' | 'legality' | 'evaluate' | 'revise' | 'repeal';

export const LIFECYCLE_TITLES: Record<LifecycleDialogKind, string> = {
  comment: '登记公开征求意见',
  legality: '合法性审核与统一登记',
  evaluate: '登记执行效果评估',
  revise: '登记修订稿',
  repeal: '废止',
};

interface Values {
  commentUrl?: string;
  commentStart?: Dayjs | null;
  commentEnd?: Dayjs | null;
  note?: string;
  legalityReviewedOn?: Dayjs | null;
  registrationNo?: string;
  onDate?: Dayjs | null;
  relatedItemId?: number | null;
  revisionId?: number;
}

const day = (s: string | null) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const notFuture = { validator: (_: unknown, v: Dayjs | null) => (!v || !v.isAfter(dayjs(), 'day') ? Promise.resolve() : Promise.reject(new Error('日期不能晚于今天'))) };

interface Props {
  dialog: LifecycleDialogKind;
  policy: Policy;
  onClose: () => void;
  onDone: (label: string) => Promise<void>;
}

export default function LifecycleDialog({ dialog, policy, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Item[] | null>(null);
  const f = policy.policy;

  // Evaluation reports: the unit's published items; revisions: the unit's other draft policies.
  useEffect(() => {
    if (dialog !== 'evaluate' && dialog !== 'revise') return;
    let live = true;
    const query = dialog === 'evaluate' ? { status: 'published', unitId: policy.unitId, pageSize: 200 } : { status: 'draft', kind: 'policy', unitId: policy.unitId, pageSize: 200 };
    pubApi
      .listItems(query)
      .then((r) => live && setChoices(r.items.filter((i) => i.id !== policy.id)))
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [dialog, policy.id, policy.unitId]);

  const confirm = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const note = v.note?.trim() ?? '';
      if (dialog === 'comment') {
        await pubApi.recordLifecycle(policy.id, { kind: 'comment_opened', commentUrl: v.commentUrl!.trim(), commentStart: iso(v.commentStart), commentEnd: iso(v.commentEnd), note });
      } else if (dialog === 'legality') {
        await pubApi.updatePolicy(policy.id, { legalityReviewedOn: v.legalityReviewedOn ? iso(v.legalityReviewedOn) : null, registrationNo: v.registrationNo?.trim() ?? '' });
      } else if (dialog === 'evaluate') {
        await pubApi.recordLifecycle(policy.id, { kind: 'evaluated', onDate: iso(v.onDate), note, relatedItemId: v.relatedItemId ?? null });
      } else if (dialog === 'revise') {
        await pubApi.updatePolicy(v.revisionId!, { replacesItemId: policy.id });
      } else {
        await pubApi.recordLifecycle(policy.id, { kind: 'repealed', onDate: iso(v.onDate), note });
      }
      await onDone(LIFECYCLE_TITLES[dialog]);
    } catch (err) {
      setError(`${LIFECYCLE_TITLES[dialog]}失败：${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const initial: Values = {
    commentUrl: f.commentUrl,
    commentStart: day(f.commentStart),
    commentEnd: day(f.commentEnd),
    legalityReviewedOn: day(f.legalityReviewedOn),
    registrationNo: f.registrationNo,
    onDate: dayjs(),
    relatedItemId: null,
  };

  return (
    <Modal title={LIFECYCLE_TITLES[dialog]} open okText="确定" cancelText="取消" confirmLoading={busy} onOk={() => void confirm()} onCancel={onClose}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="lifecycle" initialValues={initial}>
        {dialog === 'comment' && (
          <>
            <Form.Item name="commentUrl" label="征求意见链接" rules={[{ required: true, type: 'url', message: '请填写征求意见页面的网址' }]}>
              <Input placeholder="https://" />
            </Form.Item>
            <Form.Item name="commentStart" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="commentEnd" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label="说明" extra="如收到意见的条数、采纳情况">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {dialog === 'legality' && (
          <>
            <Typography.Paragraph type="secondary">行政规范性文件须经司法部门合法性审核并统一登记、统一编号后才能提交审核。</Typography.Paragraph>
            <Form.Item name="legalityReviewedOn" label="合法性审核日期" rules={[notFuture]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="registrationNo" label="统一登记编号">
              <Input maxLength={60} />
            </Form.Item>
          </>
        )}
        {(dialog === 'evaluate' || dialog === 'repeal') && (
          <Form.Item name="onDate" label={dialog === 'evaluate' ? '评估日期' : '废止日期'} rules={[{ required: true, message: '请选择日期' }, notFuture]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {dialog === 'evaluate' && (
          <>
            <Form.Item name="note" label="评估结论" rules={[{ required: true, whitespace: true, message: '请填写评估结论' }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            <Form.Item name="relatedItemId" label="评估报告" extra="评估报告作为一条信息（如通知公告，附报告文件）经审核发布后在此关联">
              <Select allowClear loading={choices === null} placeholder="（不关联）" options={(choices ?? []).map((i) => ({ value: i.id, label: i.title }))} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </>
        )}
        {dialog === 'repeal' && (
          <>
            <Typography.Paragraph>废止后，文件有效性显示为「废止」，门户的文件页和政策文件库随之更新。</Typography.Paragraph>
            <Form.Item name="note" label="废止说明">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {dialog === 'revise' && (
          <>
            <Typography.Paragraph>
              选择本单位起草中的修订稿。修订稿发布后，本文件有效性变为「已修改」，新旧文件相互链接。
            </Typography.Paragraph>
            <Form.Item name="revisionId" label="修订稿" rules={[{ required: true, message: '请选择修订稿' }]}>
              <Select
                loading={choices === null}
                placeholder="选择草稿状态的政策文件"
                notFoundContent="本单位没有草稿状态的政策文件，请先起草修订稿"
                options={(choices ?? []).map((i) => ({ value: i.id, label: i.title }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
