// Modal to add or correct one special day (PUT /calendar/days/:date).
import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type CalendarDay, type DayKind } from '../api';
import { DAY_KIND_LABELS } from '../labels';

export type DayModalState = { mode: 'add'; year: number } | { mode: 'edit'; day: CalendarDay } | null;

interface Values {
  date: Dayjs;
  kind: DayKind;
  name: string;
}

export const DAY_KIND_OPTIONS = (Object.keys(DAY_KIND_LABELS) as DayKind[]).map((k) => ({
  value: k,
  label: DAY_KIND_LABELS[k],
}));

export default function CalendarDayModal({
  state,
  onClose,
  onSaved,
}: {
  state: DayModalState;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'edit') {
      form.setFieldsValue({ date: dayjs(state.day.date), kind: state.day.kind, name: state.day.name });
    } else {
      form.setFieldsValue({ kind: 'holiday' });
    }
  }, [state, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api.putCalendarDay(v.date.format('YYYY-MM-DD'), v.kind, v.name.trim());
      message.success(state?.mode === 'edit' ? '已更正' : '已添加');
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const year = state?.mode === 'add' ? state.year : undefined;

  return (
    <Modal
      title={state?.mode === 'edit' ? `更正 ${state.day.date}` : '添加特殊日期'}
      open={state !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={saving}
      forceRender
    >
      <Form form={form} name="calendarDay" layout="vertical" onFinish={submit}>
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabled={state?.mode === 'edit'}
            defaultPickerValue={year ? dayjs(`${year}-01-01`) : undefined}
          />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Radio.Group options={DAY_KIND_OPTIONS} optionType="button" buttonStyle="solid" />
        </Form.Item>
        <Form.Item
          label="名称"
          name="name"
          extra="如「春节」「国庆节调休」"
          rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
        >
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
