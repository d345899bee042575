// 内容管理 and 待我审核: items of the units the user may see, with filters; new-draft buttons.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../labels';
import { Link, navigate, useRoute } from '../../router';
import { unitSelectOptions } from '../../unitTree';
import { unitOptionRender } from '../../components/unitOptionRender';
import { pubApi, type Item } from './api';
import { KIND_LABELS, STATUS_COLORS, STATUS_LABELS, awaitsMe, isBundledMember } from './labels';
import { useRefData } from './refData';

export default function ContentList() {
  const { me } = useAuth();
  const reviewMode = useRoute() === '/content/review';
  const ref = useRefData();
  const canDraft = me.permissions.includes('content.draft');
  const [items, setItems] = useState<Item[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      if (reviewMode) {
        // Items in review on my units, kept when their current stage is one I review.
        const r = await pubApi.listItems({ status: 'in_review', kind, unitId, q: q.trim() || undefined, pageSize: 200 });
        const mine = r.items.filter((i) => awaitsMe(me, i));
        setItems(mine);
        setTotal(mine.length);
      } else {
        const r = await pubApi.listItems({ status, kind, unitId, q: q.trim() || undefined, page, pageSize });
        setItems(r.items);
        setTotal(r.total);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [reviewMode, me, status, kind, unitId, q, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);

  const unitOptions = useMemo(() => unitSelectOptions(ref.units), [ref.units]);

  const columns: ColumnsType<Item> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, i) => (
        <Space size={4} wrap>
          <Link to={`/content/${i.id}`}>{title}</Link>
          {isBundledMember(i) && <Tag>随政策文件审核发布</Tag>}
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 100, render: (k: string) => KIND_LABELS[k] ?? k },
    { title: '单位', dataIndex: 'unitId', width: 160, render: (id: number) => ref.unitName(id) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 120,
      render: (s: string, i) => <Tag color={STATUS_COLORS[s] ?? 'default'}>{i.statusLabel || STATUS_LABELS[s] || s}</Tag>,
    },
    {
      title: '当前审核环节',
      key: 'stage',
      width: 150,
      render: (_, i) =>
        i.stageLabel ? (
          <span>
            {i.stageLabel}
            <Typography.Text type="secondary">（第 {i.round} 轮）</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    { title: '索引号', dataIndex: 'indexNo', width: 230, render: (v: string | null) => v ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  const title = reviewMode ? '待我审核' : '内容管理';
  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>{title}</h1>}
      extra={
        canDraft && (
          <Space wrap>
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/content/new/policy')}>
              新建政策文件
            </Button>
            <Button icon={<FileAddOutlined />} onClick={() => navigate('/content/new/notice')}>
              新建通知公告
            </Button>
          </Space>
        )
      }
    >
      {reviewMode && (
        <Typography.Paragraph type="secondary">
          以下是当前审核环节由您负责、且不是您本人起草的内容。同一内容的各审核环节须由不同人员完成。
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {!reviewMode && (
          <Select
            aria-label="状态"
            placeholder="全部状态"
            allowClear
            style={{ width: 150 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
        )}
        <Select
          aria-label="类型"
          placeholder="全部类型"
          allowClear
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          aria-label="单位"
          placeholder="全部单位"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 240 }}
          value={unitId}
          onChange={(v) => {
            setUnitId(v === undefined ? undefined : Number(v));
            setPage(1);
          }}
          options={unitOptions}
          optionRender={unitOptionRender}
        />
        <Input.Search
          aria-label="标题"
          placeholder="按标题查找"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      {(error ?? ref.error) && <Alert type="error" showIcon title={error ?? ref.error} style={{ marginBottom: 16 }} />}
      <Table<Item>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        size="small"
        scroll={items.length ? { x: 1300 } : undefined}
        locale={{ emptyText: reviewMode ? '暂无待您审核的内容' : '暂无内容' }}
        pagination={
          reviewMode
            ? { pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }
            : {
                current: page,
                pageSize,
                total,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal: (t) => `共 ${t} 条`,
                onChange: (p, s) => {
                  setPage(s !== pageSize ? 1 : p);
                  setPageSize(s);
                },
              }
        }
      />
    </Card>
  );
}
