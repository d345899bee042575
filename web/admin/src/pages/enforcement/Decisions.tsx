// 行政执法公示（事后）: decisions with their publication deadline and the late flag; entry form, .xlsx import with row/column errors, credit repair.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Unit } from '../../api';
import { useAuth } from '../../auth';
import { Link } from '../../router';
import { STATUS_COLORS, STATUS_LABELS } from '../publishing/labels';
import ProblemTable from '../lists/ProblemTable';
import { enforcementApi, problemsOf, type CellProblem, type DecisionKindDef, type DecisionView } from '../lists/api';

export default function Decisions() {
  const { me } = useAuth();
  const [kinds, setKinds] = useState<DecisionKindDef[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [kind, setKind] = useState('penalty');
  const [unitId, setUnitId] = useState<number | undefined>(me.unitId != null ? Number(me.unitId) : undefined);
  const [lateOnly, setLateOnly] = useState(false);
  const [items, setItems] = useState<DecisionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<CellProblem[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [entry, setEntry] = useState(false);
  const [repair, setRepair] = useState<DecisionView | null>(null);
  const [form] = Form.useForm<Record<string, string>>();
  const [repairForm] = Form.useForm<{ repairedOn: { format: (f: string) => string }; note: string }>();

  useEffect(() => {
    void Promise.all([enforcementApi.columns(), api.listUnits()]).then(([k, u]) => { setKinds(k.kinds); setUnits(u.items); }).catch((e) => setError(errorMessage(e)));
  }, []);
  const def = kinds.find((k) => k.key === kind);
  const unitName = useMemo(() => (id: number) => units.find((u) => Number(u.id) === id)?.name ?? '', [units]);

  const load = useCallback(async () => {
    try {
      setItems((await enforcementApi.list({ decisionKind: kind, unitId, lateOnly: lateOnly ? '1' : undefined })).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [kind, unitId, lateOnly]);
  useEffect(() => void load(), [load]);

  const submitEntry = async () => {
    const values = await form.validateFields();
    setProblems([]);
    try {
      const fields = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, typeof v === 'object' && v && 'format' in v ? (v as { format: (f: string) => string }).format('YYYY-MM-DD') : String(v)]));
      await enforcementApi.record({ decisionKind: kind, unitId: unitId!, fields });
      message.success('已登记，提交审核后公示');
      setEntry(false);
      form.resetFields();
      await load();
    } catch (e) {
      const p = problemsOf(e);
      if (p.length) setProblems(p);
      else message.error(errorMessage(e));
    }
  };

  const doImport = async () => {
    if (!file || !unitId) return;
    setProblems([]);
    try {
      const r = await enforcementApi.import(file, kind, unitId);
      message.success(`已导入 ${r.created.length} 条决定（草稿）`);
      await load();
    } catch (e) {
      const p = problemsOf(e);
      if (p.length) setProblems(p);
      else setError(errorMessage(e));
    }
  };

  const doRepair = async () => {
    if (!repair) return;
    const v = await repairForm.validateFields();
    try {
      await enforcementApi.creditRepair(repair.itemId, v.repairedOn.format('YYYY-MM-DD'), v.note ?? '');
      message.success('已记录信用修复，该信息已停止公示');
      setRepair(null);
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="行政执法决定公示">
        <Space wrap>
          <span>类别</span>
          <Select aria-label="决定类别" style={{ width: 140 }} value={kind} onChange={(v) => { setKind(v); setProblems([]); }} options={kinds.map((k) => ({ value: k.key, label: k.label }))} />
          <span>单位</span>
          <Select aria-label="单位" style={{ width: 260 }} showSearch optionFilterProp="label" allowClear value={unitId} onChange={setUnitId} options={units.map((u) => ({ value: Number(u.id), label: u.name }))} placeholder="全部单位" />
          <Checkbox checked={lateOnly} onChange={(e) => setLateOnly(e.target.checked)}>只看逾期</Checkbox>
          <Button type="primary" disabled={!unitId} onClick={() => { setProblems([]); setEntry(true); }}>登记决定</Button>
          <a href={`/api/v1/enforcement/template/${kind}`}>下载导入模板</a>
        </Space>
        <Space wrap style={{ marginTop: 12 }}>
          <Upload maxCount={1} accept=".xlsx" beforeUpload={(f) => { setFile(f); setProblems([]); return false; }} onRemove={() => setFile(null)}>
            <Button icon={<UploadOutlined />}>选择 .xlsx 文件</Button>
          </Upload>
          <Button onClick={() => void doImport()} disabled={!file || !unitId}>导入</Button>
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} /> : null}
      <ProblemTable problems={problems} />
      <Table<DecisionView>
        rowKey="itemId"
        size="small"
        dataSource={items}
        columns={[
          { title: '行政相对人', render: (_, d) => <Link to={`/content/${d.itemId}`}>{d.fields.partyName}</Link> },
          { title: '文号', render: (_, d) => d.fields.docNumber },
          { title: '决定日期', render: (_, d) => d.fields.decisionDate },
          { title: '单位', render: (_, d) => unitName(d.unitId) },
          { title: '公示期限', dataIndex: 'publishDue' },
          { title: '状态', render: (_, d) => <Tag color={STATUS_COLORS[d.status]}>{STATUS_LABELS[d.status] ?? d.status}</Tag> },
          { title: '公示日期', render: (_, d) => d.publishedOn ?? '—' },
          { title: '时限', render: (_, d) => (d.late ? <Tag color="red">逾期公示</Tag> : d.overdue ? <Tag color="red">已超期未公示</Tag> : d.publishedOn ? <Tag color="green">按时</Tag> : '—') },
          { title: '公示截止', render: (_, d) => (d.creditRepairedOn ? `已信用修复（${d.creditRepairedOn}）` : d.publicityEnd ?? '长期') },
          { title: '', render: (_, d) => (d.decisionKind === 'penalty' && d.status === 'published' && !d.creditRepairedOn ? <Button size="small" onClick={() => setRepair(d)}>信用修复</Button> : null) },
        ]}
      />
      <Modal open={entry} title={`登记${def?.label ?? ''}决定`} width={760} onCancel={() => setEntry(false)} onOk={() => void submitEntry()} okText="保存为草稿" destroyOnHidden>
        <ProblemTable problems={problems} />
        <Form form={form} layout="vertical">
          {def?.columns.map((c) => (
            <Form.Item key={c.key} name={c.key} label={c.label} rules={c.required ? [{ required: true, message: `请填写${c.label}` }] : []} extra={c.key === 'partyIdNumber' ? '仅供内部留存，不会公示' : undefined}>
              {c.type === 'enum' ? <Select options={(c.options ?? []).map((o) => ({ value: o, label: o }))} /> : c.type === 'date' ? <DatePicker /> : c.key === 'facts' || c.key === 'content' ? <Input.TextArea rows={3} /> : <Input />}
            </Form.Item>
          ))}
        </Form>
      </Modal>
      <Modal open={repair !== null} title="记录信用修复" onCancel={() => setRepair(null)} onOk={() => void doRepair()} okText="记录并停止公示" destroyOnHidden>
        <Form form={repairForm} layout="vertical">
          <Form.Item name="repairedOn" label="修复日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="note" label="说明"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
