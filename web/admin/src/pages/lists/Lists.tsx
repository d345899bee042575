// 清单管理: pick a list kind and unit, see its versions, import an .xlsx (row/column errors, nothing saved) or start a new version from the current one.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Unit } from '../../api';
import { useAuth } from '../../auth';
import { Link, navigate } from '../../router';
import { STATUS_COLORS, STATUS_LABELS } from '../publishing/labels';
import ProblemTable from './ProblemTable';
import { listsApi, problemsOf, type CellProblem, type ListKind, type VersionInfo } from './api';

export default function Lists() {
  const { me } = useAuth();
  const [kinds, setKinds] = useState<ListKind[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [kind, setKind] = useState<string>('admin_fees');
  const [unitId, setUnitId] = useState<number | undefined>(me.unitId != null ? Number(me.unitId) : undefined);
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<CellProblem[]>([]);

  useEffect(() => {
    void Promise.all([listsApi.kinds(), api.listUnits()]).then(([k, u]) => {
      setKinds(k.items);
      setUnits(u.items);
    }).catch((e) => setError(errorMessage(e)));
  }, []);
  const def = kinds.find((k) => k.key === kind);
  const unit = units.find((u) => Number(u.id) === unitId);
  const unitOptions = useMemo(() => units.filter((u) => !def?.unitKinds || def.unitKinds.includes(u.kind)).map((u) => ({ value: Number(u.id), label: u.name })), [units, def]);

  const load = useCallback(async () => {
    if (!unitId) return setVersions([]);
    try {
      setVersions((await listsApi.versions({ kind, unitId })).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [kind, unitId]);
  useEffect(() => void load(), [load]);

  const doImport = async () => {
    if (!file || !unitId) return;
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const v = await listsApi.import(file, kind, unitId, note);
      message.success(`已导入 ${v.version.rowCount} 项，生成草稿版本`);
      navigate(`/lists/${v.id}`);
    } catch (e) {
      const p = problemsOf(e);
      if (p.length) setProblems(p);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const newFromCurrent = async () => {
    if (!unitId) return;
    setBusy(true);
    try {
      const cur = await listsApi.published(kind, unitId);
      const rows = cur.rows.length ? cur.rows : [Object.fromEntries((def?.columns ?? []).map((c) => [c.key, '']))];
      if (!cur.rows.length) {
        message.info('尚无已发布版本：请先导入 Excel，或在导入后编辑');
        return;
      }
      const v = await listsApi.create({ kind, unitId, rows, changeNote: '' });
      navigate(`/lists/${v.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="清单管理">
        <Space wrap>
          <span>清单类型</span>
          <Select aria-label="清单类型" style={{ width: 300 }} value={kind} onChange={(v) => { setKind(v); setProblems([]); }} options={kinds.map((k) => ({ value: k.key, label: k.label }))} />
          <span>单位</span>
          <Select aria-label="单位" style={{ width: 260 }} showSearch optionFilterProp="label" value={unitId} onChange={(v) => { setUnitId(v); setProblems([]); }} options={unitOptions} placeholder="选择单位" />
          {unitId ? <a href={`/lists/${kind}/${unitId}/`} target="_blank" rel="noreferrer">门户页面</a> : null}
        </Space>
        {def ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{def.description}。列：{def.columns.map((c) => `${c.label}${c.required ? '（必填）' : ''}`).join('、')}</Typography.Paragraph> : null}
      </Card>
      {error ? <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} /> : null}
      <Card title={`导入 Excel${unit ? `：${unit.name}` : ''}`}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">按单位现有的表格导入：第一行可为标题，表头为列名。每一行都会校验，有任何问题时不保存，并列出问题所在的行和列。</Typography.Text>
          <Space wrap>
            <Upload maxCount={1} accept=".xlsx" beforeUpload={(f) => { setFile(f); setProblems([]); return false; }} onRemove={() => setFile(null)}>
              <Button icon={<UploadOutlined />}>选择 .xlsx 文件</Button>
            </Upload>
            <Input aria-label="变更说明" placeholder="变更说明（如：取消某项收费）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 320 }} />
            <Button type="primary" onClick={() => void doImport()} disabled={!file || !unitId} loading={busy}>导入为新版本</Button>
            <Button onClick={() => void newFromCurrent()} disabled={!unitId} loading={busy}>在当前版本基础上编辑</Button>
          </Space>
          <ProblemTable problems={problems} />
        </Space>
      </Card>
      <Card title="版本">
        <Table<VersionInfo>
          rowKey="itemId"
          size="small"
          dataSource={versions}
          locale={{ emptyText: unitId ? '暂无版本' : '请选择单位' }}
          columns={[
            { title: '版本', render: (_, v) => <Link to={`/lists/${v.itemId}`}>{v.versionNo ? `第 ${v.versionNo} 版` : `草稿 #${v.itemId}`}</Link> },
            { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s] ?? s}</Tag> },
            { title: '事项数', dataIndex: 'rowCount' },
            { title: '来源', render: (_, v) => (v.source === 'xlsx' ? `导入 ${v.sourceName}` : '表单编辑') },
            { title: '变更说明', dataIndex: 'changeNote' },
            { title: '发布日期', dataIndex: 'publishedOn', render: (d: string | null) => d ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
