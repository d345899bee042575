// 「录入全年安排」: enter a whole year's holidays and adjusted working days (POST /calendar/years).
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Divider, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type DayKind } from '../api';
import { DAY_KIND_OPTIONS } from './CalendarDayModal';

interface Row {
  date?: Dayjs;
  kind?: DayKind;
  name?: string;
}

interface Values {
  year: number;
  days: Row[];
}

export default function CalendarYearModal({
  open,
  initialYear,
  onClose,
  onSaved,
}: {
  open: boolean;
  initialYear: number;
  onClose: () => void;
  onSaved: (year: number) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [rangeName, setRangeName] = useState('');
  const year: number | undefined = Form.useWatch('year', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ year: initialYear, days: [] });
    setRange(null);
    setRangeName('');
  }, [open, initialYear, form]);

  // Expands a holiday period (e.g. 春节 8 days) into one row per day.
  const addRange = () => {
    if (!range || !rangeName.trim()) {
      message.warning('请选择放假起止日期并填写名称');
      return;
    }
    const rows: Row[] = [...(form.getFieldValue('days') ?? [])];
    for (let d = range[0].startOf('day'); !d.isAfter(range[1], 'day'); d = d.add(1, 'day')) {
      rows.push({ date: d, kind: 'holiday', name: rangeName.trim() });
    }
    rows.sort((a, b) => (a.date && b.date ? a.date.valueOf() - b.date.valueOf() : 0));
    form.setFieldValue('days', rows);
    setRange(null);
    setRangeName('');
  };

  const submit = async (v: Values) => {
    const days = (v.days ?? []).map((r) => ({
      date: r.date!.format('YYYY-MM-DD'),
      kind: r.kind!,
      name: (r.name ?? '').trim(),
    }));
    setSaving(true);
    try {
      await api.enterCalendarYear(v.year, days);
      message.success(`${v.year} 年安排已录入（${days.length} 天）`);
      onSaved(v.year);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const validateRows = async (_: unknown, rows: Row[] | undefined) => {
    if (!rows || rows.length === 0) throw new Error('请至少录入一天');
    const seen = new Set<string>();
    for (const r of rows) {
      if (!r?.date) continue;
      const key = r.date.format('YYYY-MM-DD');
      if (year && r.date.year() !== year) throw new Error(`${key} 不在 ${year} 年内`);
      if (seen.has(key)) throw new Error(`${key} 重复录入`);
      seen.add(key);
    }
  };

  return (
    <Modal
      title="录入全年安排"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交"
      confirmLoading={saving}
      width={760}
      forceRender
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="请依据国务院办公厅发布的当年部分节假日安排通知录入：放假日（含与周末连休的日期）及调休上班的周末。普通周末无需录入。"
      />
      <Form form={form} name="calendarYear" layout="vertical" onFinish={submit}>
        <Form.Item label="年份" name="year" rules={[{ required: true, message: '请输入年份' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          按区间添加放假日
        </Divider>
        <Space wrap style={{ marginBottom: 8 }}>
          <DatePicker.RangePicker
            aria-label="放假起止日期"
            value={range}
            onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
            defaultPickerValue={year ? [dayjs(`${year}-01-01`), dayjs(`${year}-02-01`)] : undefined}
          />
          <Input
            aria-label="假期名称"
            placeholder="假期名称，如 春节"
            value={rangeName}
            onChange={(e) => setRangeName(e.target.value)}
            style={{ width: 180 }}
          />
          <Button onClick={addRange}>添加到列表</Button>
        </Space>
        <Divider titlePlacement="start" plain>
          逐日列表
        </Divider>
        <Form.List name="days" rules={[{ validator: validateRows }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item
                    name={[name, 'date']}
                    rules={[{ required: true, message: '请选择日期' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <DatePicker aria-label={`第 ${name + 1} 行日期`} />
                  </Form.Item>
                  <Form.Item name={[name, 'kind']} rules={[{ required: true, message: '请选择类型' }]} style={{ marginBottom: 8 }}>
                    <Select aria-label={`第 ${name + 1} 行类型`} options={DAY_KIND_OPTIONS} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'name']}
                    rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input aria-label={`第 ${name + 1} 行名称`} placeholder="名称" style={{ width: 200 }} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除此行" onClick={() => remove(name)} />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'workday' })} style={{ marginTop: 8 }}>
                添加一天
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
