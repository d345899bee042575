// 文件全生命周期: the policy's timeline as the portal shows it (征求意见 → 合法性审核、统一登记 →
// 发布 → 解读 → 执行效果评估 → 修订 / 废止 / 失效), its revision links, and the entries staff add
// by state and permission.
import { useState } from 'react';
import { App, Button, Space, Tag, Timeline, Typography } from 'antd';
import { useAuth } from '../../auth';
import { Link } from '../../router';
import type { Linked, Policy, PolicyRecord } from './api';
import { canOnUnit } from './labels';
import LifecycleDialog, { LIFECYCLE_TITLES, type LifecycleDialogKind } from './LifecycleDialog';

const ENDING = new Set(['repealed', 'revised', 'expired']);

function LinkedItem({ item }: { item: Linked }) {
  return (
    <>
      <Link to={`/content/${item.id}`}>《{item.title}》</Link>
      {item.status !== 'published' && <Tag style={{ marginInlineStart: 4 }}>{item.statusLabel}</Tag>}
    </>
  );
}

export default function PolicyLifecycle({ policy, record, onChanged }: { policy: Policy; record: PolicyRecord | null; onChanged: () => Promise<void> }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<LifecycleDialogKind | null>(null);
  const f = policy.policy;
  const canDraft = canOnUnit(me, 'content.draft', policy.unitId);
  const canPublish = canOnUnit(me, 'content.publish', policy.unitId);
  const published = policy.status === 'published';
  const inForce = published && f.validity === '有效';

  const actions: LifecycleDialogKind[] = [];
  if (canPublish && policy.status !== 'withdrawn') actions.push('comment');
  if (canDraft && policy.status === 'draft') actions.push('legality');
  if (canPublish && published) actions.push('evaluate');
  if (canDraft && inForce) actions.push('revise');
  if (canPublish && inForce) actions.push('repeal');

  return (
    <section aria-labelledby="lifecycle-title">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} id="lifecycle-title" style={{ fontSize: '1em', margin: 0 }}>
          文件全生命周期
        </Typography.Title>
        {actions.length > 0 && (
          <Space wrap role="group" aria-label="生命周期登记">
            {actions.map((a) => (
              <Button key={a} danger={a === 'repeal'} onClick={() => setDialog(a)}>
                {LIFECYCLE_TITLES[a]}
              </Button>
            ))}
          </Space>
        )}
      </Space>
      {(record?.replaces || (record?.replacedBy.length ?? 0) > 0) && (
        <div style={{ marginTop: 12 }}>
          {record?.replaces && (
            <Typography.Paragraph>
              本文件修订了 <LinkedItem item={record.replaces} />
            </Typography.Paragraph>
          )}
          {record?.replacedBy.map((r) => (
            <Typography.Paragraph key={r.id}>
              {r.status === 'published' ? '本文件已被修订为 ' : '修订稿 '}
              <LinkedItem item={r} />
            </Typography.Paragraph>
          ))}
        </div>
      )}
      <div style={{ marginTop: 16 }}>
        {record === null ? (
          <Typography.Text type="secondary">正在加载…</Typography.Text>
        ) : (
          <Timeline
            items={record.timeline.map((e) => ({
              key: e.id,
              color: ENDING.has(e.kind) ? 'red' : e.kind === 'released' ? 'green' : 'blue',
              content: (
                <div>
                  <Typography.Text strong>
                    {e.onDate} {e.label}
                  </Typography.Text>
                  {e.note && <span>：{e.note}</span>}
                  {e.related && (
                    <span style={{ marginInlineStart: 8 }}>
                      <LinkedItem item={e.related} />
                    </span>
                  )}
                  {e.kind === 'comment_opened' && f.commentUrl && (
                    <div>
                      <a href={f.commentUrl} target="_blank" rel="noreferrer">
                        {f.commentUrl}
                      </a>
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </div>
      {dialog && (
        <LifecycleDialog
          dialog={dialog}
          policy={policy}
          onClose={() => setDialog(null)}
          onDone={async (label) => {
            message.success(`${label}成功`);
            setDialog(null);
            await onChanged();
          }}
        />
      )}
    </section>
  );
}
