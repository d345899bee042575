// 进展审核: the district office accepts or returns the units' progress reports.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Modal, Segmented, Space, Table, Tag, Typography, message } from 'antd';
import { errorMessage } from '../../api';
import { workplanApi, type Report } from './api';

const REVIEW_LABELS: Record<Report['reviewState'], [string, string]> = { submitted: ['待审核', 'processing'], accepted: ['已通过', 'success'], returned: ['已退回', 'warning'] };

export default function WorkplanReview() {
  const [state, setState] = useState<Report['reviewState']>('submitted');
  const [items, setItems] = useState<Report[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState<Report | null>(null);
  const [comment, setComment] = useState('');

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setItems((await workplanApi.reports({ state })).items);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [state]);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (r: Report, decision: 'accept' | 'return', text = '') => {
    try {
      await workplanApi.review(r.id, decision, text);
      message.success(decision === 'accept' ? '已通过' : '已退回');
      setReturning(null);
      setComment('');
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Card title="进展审核" extra={<Segmented value={state} onChange={(v) => setState(v as Report['reviewState'])} options={[{ value: 'submitted', label: '待审核' }, { value: 'returned', label: '已退回' }, { value: 'accepted', label: '已通过' }]} />}>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      <Table<Report>
        rowKey="id"
        loading={loading}
        dataSource={items}
        columns={[
          { title: '任务', dataIndex: 'taskNumber', width: 70 },
          { title: '单位', dataIndex: 'unitName', width: 140 },
          {
            title: '进展情况',
            dataIndex: 'text',
            render: (v: string, r) => (
              <Space direction="vertical" size={2}>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{v}</Typography.Paragraph>
                {r.evidence.map((e, i) =>
                  e.url ? (
                    <a key={i} href={e.url} target="_blank" rel="noreferrer noopener">{`已发布信息：${e.title}`}</a>
                  ) : e.kind === 'url' ? (
                    <a key={i} href={e.ref} target="_blank" rel="noreferrer noopener">{e.title || e.ref}</a>
                  ) : (
                    <Typography.Text key={i} type="secondary">{`${e.kind}：${e.ref}${e.title ? `（${e.title}）` : ''}`}</Typography.Text>
                  ),
                )}
                {r.reviewComment ? <Typography.Text type="warning">审核意见：{r.reviewComment}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: '报送时间', dataIndex: 'submittedAt', width: 170, render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '状态', dataIndex: 'reviewState', width: 90, render: (v: Report['reviewState']) => <Tag color={REVIEW_LABELS[v][1]}>{REVIEW_LABELS[v][0]}</Tag> },
          {
            title: '操作',
            key: 'op',
            width: 150,
            render: (_: unknown, r) =>
              r.reviewState === 'submitted' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => void decide(r, 'accept')}>通过</Button>
                  <Button size="small" danger onClick={() => setReturning(r)}>退回</Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal open={returning !== null} title="退回进展报送" okText="退回" okButtonProps={{ danger: true, disabled: !comment.trim() }} onCancel={() => setReturning(null)} onOk={() => returning && void decide(returning, 'return', comment)}>
        <Input.TextArea rows={4} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="请写明需要补充或修改的内容" aria-label="退回意见" />
      </Modal>
    </Card>
  );
}
