// 行政复议、行政诉讼 about one application (report section 四): list, add, edit the result when the case closes.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Table } from 'antd';
import { CASE_KIND_LABELS, CASE_RESULT_LABELS, errText, foiApi, today, type FoiCase } from './foiApi';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export default function CasesCard({ applicationId, unitId, canEdit }: { applicationId: number; unitId: number; canEdit: boolean }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<FoiCase[]>([]);
  // null: closed; 'new' or the case being edited
  const [editing, setEditing] = useState<FoiCase | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const result = Form.useWatch('result', form);

  const load = useCallback(() => void foiApi.cases(applicationId).then((r) => setItems(r.items)).catch((e) => message.error(errText(e))), [applicationId, message]);
  useEffect(load, [load]);

  const open = (c: FoiCase | 'new') => {
    form.resetFields();
    form.setFieldsValue(c === 'new' ? { kind: 'review', result: 'pending', filedOn: today(), caseNumber: '', note: '' } : { ...c, closedOn: c.closedOn ?? undefined });
    setEditing(c);
  };
  const save = async () => {
    const v = await form.validateFields();
    const body = { ...v, unitId, applicationId, closedOn: v.result === 'pending' ? null : v.closedOn || null };
    setBusy(true);
    try {
      if (editing === 'new') await foiApi.createCase(body);
      else if (editing) await foiApi.updateCase(editing.id, body);
      message.success('已保存案件');
      setEditing(null);
      load();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="行政复议、行政诉讼" extra={canEdit && <Button onClick={() => open('new')}>登记案件</Button>}>
      <Table<FoiCase>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: '无相关案件' }}
        columns={[
          { title: '类型', dataIndex: 'kind', render: (v: FoiCase['kind']) => CASE_KIND_LABELS[v] },
          { title: '案号', dataIndex: 'caseNumber', render: (v: string) => v || '—' },
          { title: '立案（申请）日期', dataIndex: 'filedOn' },
          { title: '结果', dataIndex: 'result', render: (v: FoiCase['result']) => CASE_RESULT_LABELS[v] },
          { title: '审结日期', dataIndex: 'closedOn', render: (v: string | null) => v ?? '—' },
          { title: '说明', dataIndex: 'note' },
          ...(canEdit ? [{ title: '操作', key: 'op', render: (_: unknown, c: FoiCase) => <Button size="small" aria-label={`修改案件 ${c.caseNumber || c.id}`} onClick={() => open(c)}>修改</Button> }] : []),
        ]}
      />
      <Modal title={editing === 'new' ? '登记案件' : '修改案件'} open={editing !== null} onCancel={() => setEditing(null)} onOk={() => void save()} okText="保存案件" confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" name="foiCase">
          <Form.Item name="kind" label="案件类型" rules={[{ required: true }]}>
            <Select options={options(CASE_KIND_LABELS)} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="caseNumber" label="案号">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="filedOn" label="立案（申请）日期" rules={[{ required: true, message: '请填写立案（申请）日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="result" label="结果" rules={[{ required: true }]}>
            <Select options={options(CASE_RESULT_LABELS)} showSearch optionFilterProp="label" />
          </Form.Item>
          {result && result !== 'pending' && (
            <Form.Item name="closedOn" label="审结日期" rules={[{ required: true, message: '已审结的案件请填写审结日期' }]}>
              <Input type="date" />
            </Form.Item>
          )}
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
