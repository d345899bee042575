// Differences between two versions: added / removed / changed rows; changed cells marked by text, not colour alone.
import { Table, Tag, Typography } from 'antd';
import type { ListColumn, ListDiff, ListRow } from './api';

type Row = { key: string; change: '新增' | '删除' | '修改'; row: ListRow; before?: ListRow; cells: string[] };

export default function DiffView({ columns, diff }: { columns: ListColumn[]; diff: ListDiff }) {
  const rows: Row[] = [
    ...diff.added.map((r, i) => ({ key: `a${i}`, change: '新增' as const, row: r, cells: [] })),
    ...diff.removed.map((r, i) => ({ key: `r${i}`, change: '删除' as const, row: r, cells: [] })),
    ...diff.changed.map((c, i) => ({ key: `c${i}`, change: '修改' as const, row: c.after, before: c.before, cells: c.cells })),
  ];
  return (
    <>
      <Typography.Paragraph>{`新增 ${diff.added.length} 项，删除 ${diff.removed.length} 项，修改 ${diff.changed.length} 项，未变 ${diff.unchanged} 项。`}</Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { title: '变化', dataIndex: 'change', width: 80, render: (v: string) => <Tag color={v === '新增' ? 'green' : v === '删除' ? 'red' : 'gold'}>［{v}］</Tag> },
          ...columns.map((c) => ({
            title: c.label,
            key: c.key,
            render: (_: unknown, r: Row) =>
              r.cells.includes(c.key) ? (
                <span className="diff-changed" style={{ background: '#fff1b8', display: 'block' }}>
                  <strong>［已修改］</strong> <del>原：{r.before?.[c.key] || '（空）'}</del> → <ins>现：{r.row[c.key] || '（空）'}</ins>
                </span>
              ) : r.change === '删除' ? <del>{r.row[c.key]}</del> : r.row[c.key],
          })),
        ]}
      />
    </>
  );
}
