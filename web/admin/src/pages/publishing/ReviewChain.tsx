// The review chain (初审 → 复审 → 保密审查 → 终审) as Steps, with every decision of every round.
import { Steps, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../labels';
import type { Decision, Item } from './api';
import { DECISION_LABELS, STAGE_LABELS } from './labels';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** Status of each stage of the chain in the latest round. */
function stageStatuses(item: Item): StepStatus[] {
  const { chain, status, round, decisions } = item;
  if (['approved', 'scheduled', 'published', 'withdrawn', 'superseded', 'expired'].includes(status)) return chain.map(() => 'finish');
  if (status === 'in_review') {
    const at = item.stage ? chain.indexOf(item.stage) : -1;
    return chain.map((_, i) => (i < at ? 'finish' : i === at ? 'process' : 'wait'));
  }
  // A draft: returned in the latest round, or never submitted.
  const returned = [...decisions].reverse().find((d) => d.round === round && d.decision === 'return');
  if (!returned) return chain.map(() => 'wait');
  const at = chain.indexOf(returned.stage);
  return chain.map((_, i) => (i < at ? 'finish' : i === at ? 'error' : 'wait'));
}

function DecisionLine({ d }: { d: Decision }) {
  const color = d.decision === 'approve' ? 'green' : d.decision === 'return' ? 'red' : 'blue';
  return (
    <div>
      <Typography.Text type="secondary">第 {d.round} 轮</Typography.Text>{' '}
      <Tag color={color}>{DECISION_LABELS[d.decision] ?? d.decision}</Tag>
      {d.actorName} · {formatDateTime(d.at)}
      {d.comment && <div>意见：{d.comment}</div>}
    </div>
  );
}

export default function ReviewChain({ item }: { item: Item }) {
  const chain = item.chain.length ? item.chain : ['first', 'second', 'final'];
  const statuses = item.chain.length ? stageStatuses(item) : chain.map((): StepStatus => 'wait');
  const current = statuses.findIndex((s) => s === 'process' || s === 'error');
  const stageWord: Record<StepStatus, string> = { wait: '待审核', process: '审核中', finish: '已通过', error: '已退回' };

  return (
    <section aria-labelledby="review-chain-title">
      <Typography.Title level={2} id="review-chain-title" style={{ fontSize: '1em' }}>
        审核流程
        {item.round > 0 && (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
            第 {item.round} 轮
          </Typography.Text>
        )}
      </Typography.Title>
      {!item.chain.length && (
        <Typography.Paragraph type="secondary">尚未提交审核。提交后按本单位设置的审核环节审核；须保密审查的内容增加「保密审查」环节。</Typography.Paragraph>
      )}
      <Steps
        current={current === -1 ? undefined : current}
        items={chain.map((stage, i) => {
          const ds = item.decisions.filter((d) => d.stage === stage);
          return {
            key: stage,
            title: STAGE_LABELS[stage] ?? stage,
            subTitle: item.chain.length ? stageWord[statuses[i]!] : undefined,
            status: statuses[i],
            content: ds.length ? ds.map((d, j) => <DecisionLine key={j} d={d} />) : undefined,
          };
        })}
      />
      <Typography.Title level={3} style={{ fontSize: '1em', marginTop: 24 }}>
        审核记录
      </Typography.Title>
      <Table<Decision>
        rowKey={(d) => `${d.round}-${d.stage}-${d.at}-${d.actorName}`}
        size="small"
        pagination={false}
        dataSource={item.decisions}
        locale={{ emptyText: '暂无审核记录' }}
        columns={[
          { title: '轮次', dataIndex: 'round', width: 70, render: (r: number) => `第 ${r} 轮` },
          { title: '环节', dataIndex: 'stageLabel', width: 100, render: (l: string, d) => l || STAGE_LABELS[d.stage] || d.stage },
          {
            title: '决定',
            dataIndex: 'decision',
            width: 80,
            render: (v: string) => <Tag color={v === 'approve' ? 'green' : v === 'return' ? 'red' : 'blue'}>{DECISION_LABELS[v] ?? v}</Tag>,
          },
          { title: '人员', dataIndex: 'actorName', width: 120 },
          { title: '时间', dataIndex: 'at', width: 170, render: formatDateTime },
          { title: '意见', dataIndex: 'comment', render: (c: string) => c || '—' },
        ]}
      />
    </section>
  );
}
