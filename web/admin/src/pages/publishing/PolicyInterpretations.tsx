// A policy's interpretations (政策解读): those in its bundle travel with it through review and
// publication (同步起草、同步审签、同步发布); later ones are reviewed on their own.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { Link, navigate } from '../../router';
import { pubApi, type Interpretation, type Policy, type PolicyRecord } from './api';
import InterpretationWaiver from './InterpretationWaiver';
import { STATUS_COLORS, STATUS_LABELS, canOnUnit } from './labels';

/** Interpretations of this policy: its bundle, plus others naming it (same unit, 谁起草谁解读). */
async function loadInterpretations(policy: Policy): Promise<Interpretation[]> {
  const { items } = await pubApi.listItems({ kind: 'interpretation', pageSize: 200 });
  const candidates = items.filter((i) => i.bundleId === policy.id || i.unitId === policy.unitId).slice(0, 40);
  const details = await Promise.all(candidates.map((i) => pubApi.getInterpretation(i.id)));
  return details.filter((d) => d.bundleId === policy.id || d.policyIds.includes(policy.id));
}

interface Props {
  policy: Policy;
  version: number;
  /** who waived the interpretation, when and why (from the policy's record) */
  waiver: PolicyRecord['waiver'];
  onChanged: () => Promise<void> | void;
}

export default function PolicyInterpretations({ policy, version, waiver, onChanged }: Props) {
  const { me } = useAuth();
  const [items, setItems] = useState<Interpretation[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await loadInterpretations(policy));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [policy]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const bundled = items.filter((i) => i.bundleId === policy.id);
  const canAdd = canOnUnit(me, 'content.draft', policy.unitId) && policy.status !== 'withdrawn';
  const f = policy.policy;

  return (
    <section aria-labelledby="interpretations-title">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} id="interpretations-title" style={{ fontSize: '1em', margin: 0 }}>
          政策解读
        </Typography.Title>
        {canAdd && (
          <Button icon={<PlusOutlined />} onClick={() => navigate(`/content/new/interpretation/${policy.id}`)}>
            新增解读
          </Button>
        )}
      </Space>
      <div style={{ marginTop: 12 }}>
        {bundled.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`本文件与 ${bundled.length} 篇解读同步审核、同步发布：提交审核、各环节审核决定、发布和撤回都在本文件上进行，解读随之变化。`}
          />
        )}
        {f.requiresInterpretation && !f.interpretationWaiver && bundled.length === 0 && policy.status === 'draft' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="该文件须与政策解读同步起草、同步审签、同步发布：请先新增解读，再提交审核（或由管理员说明理由后免于解读）。"
          />
        )}
        <InterpretationWaiver policy={policy} waiver={waiver} onChanged={onChanged} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Interpretation>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={items}
          locale={{ emptyText: '暂无解读' }}
          columns={[
            { title: '标题', dataIndex: 'title', render: (t: string, i) => <Link to={`/content/${i.id}`}>{t}</Link> },
            { title: '形式', dataIndex: 'form', width: 100 },
            {
              title: '审核发布',
              key: 'bundle',
              width: 160,
              render: (_, i) => (i.bundleId === policy.id ? <Tag color="blue">与本文件同步</Tag> : <Tag>单独审核发布</Tag>),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 120,
              render: (s: string) => <Tag color={STATUS_COLORS[s] ?? 'default'}>{STATUS_LABELS[s] ?? s}</Tag>,
            },
          ]}
        />
      </div>
    </section>
  );
}
