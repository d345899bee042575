// 收费金额: each unit's 行政事业性收费 amount for a year (万元), which section 二 of the annual report states.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { api, errorMessage, type Unit } from '../../api';
import { useAuth, useCan } from '../../auth';
import { listsApi, type FeeCollection } from './api';

export default function FeeCollections() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const canRecord = useCan('fees.record');
  const [units, setUnits] = useState<Unit[]>([]);
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [items, setItems] = useState<FeeCollection[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ unitId: number; amountWanYuan: number; note: string }>();

  useEffect(() => void api.listUnits().then((u) => setUnits(u.items)).catch((e) => setError(errorMessage(e))), []);
  const load = useCallback(async () => {
    try {
      setItems((await listsApi.feeCollections(year)).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [year]);
  useEffect(() => void load(), [load]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await listsApi.recordFee({ unitId: v.unitId, year, amountWanYuan: v.amountWanYuan, note: v.note ?? '' });
      message.success(`已登记${r.unitName} ${r.year} 年收费金额 ${r.amountWanYuan} 万元`);
      void load();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const total = items.reduce((a, x) => a + Math.round(x.amountWanYuan * 1e6), 0) / 1e6;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="行政事业性收费金额">
        <Typography.Paragraph type="secondary">
          各单位本年度实际收取的行政事业性收费金额（万元，精确到分），计入政府信息公开工作年度报告第二部分「本年收费金额」；全区报告为各单位之和。修改会记入审计日志。
        </Typography.Paragraph>
        <Space wrap>
          <span>年度</span>
          <InputNumber aria-label="年度" min={2008} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
        {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} style={{ marginTop: 16 }} />}
      </Card>
      {canRecord && (
        <Card title={`登记 ${year} 年收费金额`}>
          <Form form={form} layout="inline" name="feeCollection" initialValues={{ unitId: me.unitId != null ? Number(me.unitId) : undefined, note: '' }}>
            <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
              <Select style={{ width: 240 }} showSearch optionFilterProp="label" options={units.map((u) => ({ value: Number(u.id), label: u.name }))} />
            </Form.Item>
            <Form.Item name="amountWanYuan" label="金额（万元）" rules={[{ required: true, message: '请填写金额' }]}>
              <InputNumber min={0} step={0.01} precision={6} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="note" label="说明"><Input style={{ width: 260 }} placeholder="如：不动产登记费、证照工本费" /></Form.Item>
            <Button type="primary" loading={saving} onClick={() => void save()}>保存</Button>
          </Form>
        </Card>
      )}
      <Card title={`${year} 年已登记（合计 ${total} 万元）`}>
        <Table<FeeCollection>
          rowKey={(r) => `${r.unitId}/${r.year}`}
          size="small"
          dataSource={items}
          pagination={false}
          locale={{ emptyText: '本年度尚无登记' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '金额（万元）', dataIndex: 'amountWanYuan', align: 'right' },
            { title: '说明', dataIndex: 'note' },
            { title: '更新时间', dataIndex: 'updatedAt', render: (d: string) => d.slice(0, 16).replace('T', ' ') },
            ...(canRecord ? [{ title: '', key: 'edit', render: (_: unknown, r: FeeCollection) => <Button size="small" onClick={() => form.setFieldsValue({ unitId: r.unitId, amountWanYuan: r.amountWanYuan, note: r.note })}>更正</Button> }] : []),
          ]}
        />
      </Card>
    </Space>
  );
}
