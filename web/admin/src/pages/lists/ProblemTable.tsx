// The row/column problems of a refused import or form: nothing was saved.
import { Alert, Table } from 'antd';
import type { CellProblem } from './api';

export default function ProblemTable({ problems, message }: { problems: CellProblem[]; message?: string }) {
  if (!problems.length) return message ? <Alert type="error" showIcon message={message} /> : null;
  return (
    <div role="region" aria-label="导入错误">
      <Alert type="error" showIcon message={`共 ${problems.length} 处问题，未保存任何数据。请修改后重新提交。`} style={{ marginBottom: 8 }} />
      <Table<CellProblem>
        size="small"
        rowKey={(p) => `${p.row}-${p.column}-${p.header}-${p.message}`}
        pagination={false}
        dataSource={problems}
        columns={[
          { title: '行', dataIndex: 'row', width: 70 },
          { title: '列', dataIndex: 'column', width: 60, render: (v: string) => v || '—' },
          { title: '列名', dataIndex: 'header', width: 180 },
          { title: '单元格内容', dataIndex: 'value', ellipsis: true },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </div>
  );
}
