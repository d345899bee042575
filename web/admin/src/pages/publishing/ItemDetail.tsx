// Item detail: metadata, status, review chain with every decision, actions, interpretations, attachments.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Divider, Result, Space, Spin, Tag, Typography, theme } from 'antd';
import { errorMessage, type ApiError } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../labels';
import { Link, navigate, useRoute } from '../../router';
import { loadFull, pubApi, type Interpretation, type Item, type Policy, type PolicyRecord } from './api';
import { KIND_LABELS, STATUS_COLORS, STATUS_LABELS, canOnUnit, idFromRoute, isBundledMember } from './labels';
import { useRefData } from './refData';
import ReviewChain from './ReviewChain';
import ItemActions from './ItemActions';
import PolicyInterpretations from './PolicyInterpretations';
import PolicyLifecycle from './PolicyLifecycle';
import Attachments from './Attachments';

type Loaded = Item | Policy | Interpretation;
const isPolicy = (i: Loaded): i is Policy => 'policy' in i;
const isInterpretation = (i: Loaded): i is Interpretation => 'form' in i;

const date = (s: string | null | undefined) => s ?? '—';

export default function ItemDetail() {
  const id = idFromRoute(useRoute());
  const { me } = useAuth();
  const ref = useRefData();
  const { token } = theme.useToken();
  const [item, setItem] = useState<Loaded | null>(null);
  const [lead, setLead] = useState<Item | null>(null);
  const [record, setRecord] = useState<PolicyRecord | null>(null);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      const it = await loadFull(id);
      // A policy's timeline, waiver and revisions come with it.
      const rec = isPolicy(it) ? await pubApi.policyRecord(id) : null;
      setItem(it);
      setRecord(rec);
      setLead(isBundledMember(it) ? await pubApi.getItem(it.bundleId!) : null);
      setError(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setError({ status: (err as ApiError).status ?? 0, message: errorMessage(err) });
    }
  }, [id]);

  useEffect(() => {
    setItem(null);
    void load();
  }, [load]);

  if (error && !item) {
    return <Result status={error.status === 404 ? '404' : 'error'} title={error.message} extra={<Button onClick={() => navigate('/content')}>返回内容管理</Button>} />;
  }
  if (!item) return <Spin style={{ display: 'block', margin: 48 }} />;

  const meta: Array<{ key: string; label: string; children: ReactNode; span?: number }> = [
    { key: 'kind', label: '类型', children: KIND_LABELS[item.kind] ?? item.kind },
    { key: 'unit', label: '单位', children: ref.unitName(item.unitId) },
    { key: 'status', label: '状态', children: <Tag color={STATUS_COLORS[item.status] ?? 'default'}>{item.statusLabel || STATUS_LABELS[item.status]}</Tag> },
    { key: 'indexNo', label: '索引号', children: item.indexNo ?? '—' },
    { key: 'publishedAt', label: '发布时间', children: formatDateTime(item.publishedAt) },
    ...(item.publishAt ? [{ key: 'publishAt', label: '定时发布时间', children: formatDateTime(item.publishAt) }] : []),
    { key: 'columns', label: '发布栏目', children: item.columnIds.length ? item.columnIds.map(ref.columnName).join('、') : '—' },
    { key: 'confidentiality', label: '保密审查', children: item.needsConfidentiality ? '需要' : '不需要' },
  ];
  if (isPolicy(item)) {
    const f = item.policy;
    meta.push(
      { key: 'docNumber', label: '发文字号', children: f.docNumber || '—' },
      { key: 'issuers', label: '发文机关', children: f.issuerUnitIds.map(ref.unitName).join('、') },
      { key: 'policyKind', label: '文件类型', children: f.policyKind },
      { key: 'validity', label: '有效性', children: f.validity },
      { key: 'writtenDate', label: '成文日期', children: date(f.writtenDate) },
      { key: 'effectiveDate', label: '实施日期', children: date(f.effectiveDate) },
      { key: 'validUntil', label: '有效期至', children: date(f.validUntil) },
      { key: 'requiresInterpretation', label: '同步解读', children: f.requiresInterpretation ? '须同步发布解读' : '不要求' },
    );
    if (f.policyKind === '行政规范性文件' || f.legalityReviewedOn || f.registrationNo) {
      meta.push(
        { key: 'legality', label: '合法性审核日期', children: date(f.legalityReviewedOn) },
        { key: 'registrationNo', label: '统一登记编号', children: f.registrationNo || '—' },
      );
    }
    if (f.commentUrl || f.commentStart) {
      meta.push({
        key: 'comment',
        label: '公开征求意见',
        span: 2,
        children: (
          <span>
            {date(f.commentStart)} 至 {date(f.commentEnd)}{' '}
            {f.commentUrl && (
              <a href={f.commentUrl} target="_blank" rel="noreferrer">
                {f.commentUrl}
              </a>
            )}
          </span>
        ),
      });
    }
  }
  if (isInterpretation(item)) {
    meta.push(
      { key: 'form', label: '解读形式', children: item.form },
      {
        key: 'policies',
        label: '所解读的政策文件',
        span: 2,
        children: (
          <Space wrap>
            {item.policyIds.map((p) => (
              <Link key={p} to={`/content/${p}`}>
                {lead && lead.id === p ? `《${lead.title}》` : `政策文件 #${p}`}
              </Link>
            ))}
          </Space>
        ),
      },
    );
  }
  meta.push(
    { key: 'topic', label: '主题分类', children: item.topic || '—' },
    { key: 'keywords', label: '关键词', children: item.keywords || '—' },
    { key: 'createdAt', label: '创建时间', children: formatDateTime(item.createdAt) },
    { key: 'updatedAt', label: '更新时间', children: formatDateTime(item.updatedAt) },
    { key: 'summary', label: '内容概述', span: 2, children: item.summary || '—' },
  );

  const editable = item.status === 'draft' && canOnUnit(me, 'content.draft', item.unitId);
  return (
    <Card
      title={
        <Space wrap>
          <h1 style={{ fontSize: '1.125em', margin: 0 }}>{item.title}</h1>
          <Tag color={STATUS_COLORS[item.status] ?? 'default'}>{item.statusLabel || STATUS_LABELS[item.status]}</Tag>
        </Space>
      }
      extra={<Link to="/content">返回列表</Link>}
    >
      {isBundledMember(item) && lead && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              本解读随政策文件 <Link to={`/content/${lead.id}`}>《{lead.title}》</Link> 同步审核、同步发布：提交、审核、发布请在该文件上操作。
            </span>
          }
        />
      )}
      {item.status === 'withdrawn' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已撤回（${formatDateTime(item.withdrawnAt)}）：${item.withdrawReason ?? ''}`}
        />
      )}
      {item.status === 'scheduled' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`将于 ${formatDateTime(item.publishAt)} 自动发布`} />
      )}
      <ItemActions item={item} onChanged={load} />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={meta}
        style={{ marginTop: 16 }}
        aria-label="基本信息"
      />
      <Divider />
      <ReviewChain item={item} />
      {isPolicy(item) && (
        <>
          <Divider />
          <PolicyInterpretations policy={item} version={version} waiver={record?.waiver ?? null} onChanged={load} />
          <Divider />
          <PolicyLifecycle policy={item} record={record} onChanged={load} />
        </>
      )}
      <Divider />
      <Attachments key={`${item.id}-${item.status}`} itemId={item.id} editable={editable} />
      <Divider />
      <section aria-labelledby="body-title">
        <Typography.Title level={2} id="body-title" style={{ fontSize: '1em' }}>
          正文
        </Typography.Title>
        {item.bodyHtml ? (
          // Sanitised by the server when saved (publishing/html.ts).
          <div
            className="gk-body-preview"
            style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: '8px 16px', lineHeight: 1.8 }}
            dangerouslySetInnerHTML={{ __html: item.bodyHtml }}
          />
        ) : (
          <Typography.Text type="secondary">（无正文）</Typography.Text>
        )}
      </section>
    </Card>
  );
}
