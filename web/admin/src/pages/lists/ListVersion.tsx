// One version of a list: review actions (the pipeline's), rows (editable while a draft), changes against the version it was based on.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography, message } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { Link, useRoute } from '../../router';
import ItemActions from '../publishing/ItemActions';
import { STATUS_COLORS, STATUS_LABELS } from '../publishing/labels';
import type { Item } from '../publishing/api';
import DiffView from './DiffView';
import ProblemTable from './ProblemTable';
import { listsApi, problemsOf, type CellProblem, type ListDiff, type ListKind, type ListRow, type VersionInfo } from './api';

type Loaded = Item & { version: VersionInfo; rows: ListRow[] };
type IndexedRow = { row: ListRow; __i: number };

export default function ListVersion() {
  const id = Number(useRoute().split('/')[2]);
  const [v, setV] = useState<Loaded | null>(null);
  const [def, setDef] = useState<ListKind | null>(null);
  const [rows, setRows] = useState<ListRow[]>([]);
  const [note, setNote] = useState('');
  const [diff, setDiff] = useState<ListDiff | null>(null);
  const [problems, setProblems] = useState<CellProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);

  const load = useCallback(async () => {
    try {
      const [cur, kinds] = await Promise.all([listsApi.version(id), listsApi.kinds()]);
      setV(cur);
      setRows(cur.rows);
      setNote(cur.version.changeNote);
      setDirty(false);
      setDef(kinds.items.find((k) => k.key === cur.version.kind) ?? null);
      setDiff(cur.version.basedOnItemId ? await listsApi.diff(cur.version.basedOnItemId, id) : null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!v || !def) return <Typography.Text>加载中…</Typography.Text>;
  const editable = v.status === 'draft';

  const save = async () => {
    setProblems([]);
    try {
      await listsApi.saveRows(id, rows, note);
      message.success('已保存');
      await load();
    } catch (e) {
      const p = problemsOf(e);
      if (p.length) setProblems(p);
      else message.error(errorMessage(e));
    }
  };
  const setCell = (i: number, key: string, value: string) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
    setDirty(true);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${v.title}（${v.version.versionNo ? `第 ${v.version.versionNo} 版` : '草稿'}）`} extra={<Link to="/lists">返回清单管理</Link>}>
        <Descriptions size="small" column={3} items={[
          { label: '状态', children: <Tag color={STATUS_COLORS[v.status]}>{STATUS_LABELS[v.status] ?? v.status}{v.stageLabel ? `：${v.stageLabel}` : ''}</Tag> },
          { label: '事项数', children: v.version.rowCount },
          { label: '来源', children: v.version.source === 'xlsx' ? `导入 ${v.version.sourceName}` : '表单编辑' },
          { label: '索引号', children: v.indexNo ?? '—' },
          { label: '导出', children: <a href={`/api/v1/lists/versions/${id}/xlsx`}>下载 Excel</a> },
          { label: '门户', children: v.status === 'published' ? <a href={`/lists/versions/${id}`} target="_blank" rel="noreferrer">查看</a> : '发布后可见' },
        ]} />
        <div style={{ marginTop: 12 }}>
          {dirty ? <Alert type="warning" showIcon message="有未保存的修改，提交审核前请先保存" /> : <ItemActions item={v} onChanged={load} />}
        </div>
      </Card>
      {diff ? <Card title="与所依据的已发布版本相比">{<DiffView columns={def.columns} diff={diff} />}</Card> : null}
      <Card title="清单内容" extra={editable ? (
        <Space>
          <Input aria-label="变更说明" placeholder="变更说明" value={note} onChange={(e) => { setNote(e.target.value); setDirty(true); }} style={{ width: 260 }} />
          <Button icon={<PlusOutlined />} onClick={() => { setRows((rs) => [...rs, {}]); setDirty(true); }}>添加一行</Button>
          <Button type="primary" onClick={() => void save()} disabled={!dirty}>保存</Button>
        </Space>
      ) : null}>
        <ProblemTable problems={problems} />
        <Table<IndexedRow>
          size="small"
          rowKey="__i"
          scroll={{ x: true }}
          pagination={{ pageSize: 50 }}
          dataSource={rows.map((r, i) => ({ row: r, __i: i }))}
          columns={[
            { title: '行', width: 50, render: (_, r) => r.__i + 1 },
            ...def.columns.map((c) => ({
              title: `${c.label}${c.required ? '*' : ''}`,
              key: c.key,
              render: (_: unknown, r: IndexedRow) =>
                editable ? <Input.TextArea aria-label={`第 ${r.__i + 1} 行 ${c.label}`} autoSize value={r.row[c.key] ?? ''} onChange={(e) => setCell(r.__i, c.key, e.target.value)} style={{ minWidth: 120 }} /> : r.row[c.key],
            })),
            ...(editable ? [{ title: '', width: 50, render: (_: unknown, r: IndexedRow) => <Button aria-label={`删除第 ${r.__i + 1} 行`} icon={<DeleteOutlined />} size="small" onClick={() => { setRows((rs) => rs.filter((_x, j) => j !== r.__i)); setDirty(true); }} /> }] : []),
          ]}
        />
      </Card>
    </Space>
  );
}
