// 导入工作要点: upload the task table (.txt/.docx/.xlsx), check groups, tasks and unresolved unit phrases, then save.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { navigate } from '../../router';
import { ROLE_LABELS, workplanApi, type PlanPreview, type PreviewTask } from './api';

export default function WorkplanImport() {
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [title, setTitle] = useState('');
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (save: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      if (save) {
        await workplanApi.importPlan(file, year, title.trim() || undefined);
        message.success('工作要点已导入');
        navigate('/workplan');
      } else setPreview(await workplanApi.preview(file, year));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rows = preview?.groups.flatMap((g) => g.tasks.map((t) => ({ ...t, group: `${g.numeral}、${g.title}` }))) ?? [];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="导入工作要点任务表">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">支持区里下发的任务表：文本导出（.txt）、Word（.docx）或 Excel（.xlsx）。导入前先预览，核对分组、任务和责任单位。</Typography.Paragraph>
          <Space wrap>
            <span>年度</span>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? year)} aria-label="年度" />
            <Input placeholder={`${year}年政务公开工作要点`} value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 280 }} aria-label="标题" />
            <Upload
              maxCount={1}
              accept=".txt,.docx,.xlsx"
              beforeUpload={(f) => {
                setFile(f);
                setPreview(null);
                return false;
              }}
              onRemove={() => {
                setFile(null);
                setPreview(null);
              }}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
            <Button onClick={() => void run(false)} disabled={!file} loading={busy && !preview}>解析预览</Button>
            <Button type="primary" onClick={() => void run(true)} disabled={!preview || preview.summary.tasks === 0} loading={busy && Boolean(preview)}>确认导入</Button>
          </Space>
          {error ? <Alert type="error" showIcon message={error} /> : null}
        </Space>
      </Card>
      {preview ? (
        <Card title="解析结果">
          <Descriptions size="small" column={3} items={[
            { key: 'g', label: '分组', children: preview.summary.groups },
            { key: 't', label: '任务', children: preview.summary.tasks },
            { key: 'u', label: '未识别的单位', children: preview.unresolved.length },
          ]} />
          {preview.unresolved.length ? (
            <Alert type="warning" showIcon style={{ margin: '12px 0' }} message="以下责任单位未能识别，导入后请在任务中调整" description={preview.unresolved.join('、')} />
          ) : (
            <Alert type="success" showIcon style={{ margin: '12px 0' }} message="所有责任单位均已识别" />
          )}
          {preview.problems.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="表格中需要核对的地方" description={preview.problems.join('；')} /> : null}
          <Table<PreviewTask & { group: string }>
            rowKey="number"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '序号', dataIndex: 'number', width: 60 },
              { title: '分组', dataIndex: 'group', width: 200 },
              { title: '具体工作要求', dataIndex: 'requirement', render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>{v}</Typography.Paragraph> },
              { title: '责任单位（原文）', dataIndex: 'unitPhrase', width: 220 },
              {
                title: '识别为',
                key: 'units',
                width: 320,
                render: (_: unknown, t) => (
                  <Space wrap size={[4, 4]}>
                    {t.units.map((u) => <Tag key={u.unitId} color={u.role === 'lead' ? 'blue' : u.role === 'named' ? 'geekblue' : undefined} title={ROLE_LABELS[u.role]}>{u.name}</Tag>)}
                    {t.unresolved.map((p) => <Tag key={p} color="red">未识别：{p}</Tag>)}
                  </Space>
                ),
              },
              { title: '完成时限', dataIndex: 'deadline', width: 100 },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
