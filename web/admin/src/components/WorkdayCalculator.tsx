// Working-day calculator: date + N working days, and working days between two dates.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, InputNumber, Row, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type AddResult, type BetweenResult } from '../api';
import { weekday } from '../labels';

const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

const SUBTITLE = { fontSize: '1em', fontWeight: 600, margin: '0 0 8px' } as const;

function Provisional() {
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title="计算涉及尚未录入节假日安排的年份，结果为暂定值，录入后可能变化。"
    />
  );
}

export default function WorkdayCalculator() {
  const { message } = App.useApp();
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [n, setN] = useState<number | null>(20);
  const [addResult, setAddResult] = useState<AddResult | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [between, setBetween] = useState<BetweenResult | null>(null);
  const [busy, setBusy] = useState<'add' | 'between' | null>(null);

  const calcAdd = async () => {
    if (!from || n === null) return message.warning('请选择起始日期并输入工作日数');
    setBusy('add');
    try {
      setAddResult(await api.calendarAdd(fmt(from), n));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const calcBetween = async () => {
    if (!range) return message.warning('请选择起止日期');
    setBusy('between');
    try {
      setBetween(await api.calendarBetween(fmt(range[0]), fmt(range[1])));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: '1.15em', margin: 0 }}>工作日计算器</h2>} size="small">
      <Row gutter={[32, 16]}>
        <Col xs={24} lg={12} role="region" aria-labelledby="gk-calc-add">
          <h3 id="gk-calc-add" style={SUBTITLE}>
            期限推算：起始日期 + N 个工作日
          </h3>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            起始日当日不计，自次日起算。
          </Typography.Paragraph>
          <Space wrap>
            <DatePicker aria-label="起始日期" value={from} onChange={setFrom} allowClear={false} />
            <span aria-hidden="true">+</span>
            <InputNumber
              aria-label="工作日数"
              value={n}
              onChange={(v) => setN(v)}
              min={0}
              max={400}
              precision={0}
              suffix="个工作日"
              style={{ width: 150 }}
            />
            <Button type="primary" loading={busy === 'add'} onClick={() => void calcAdd()}>
              计算
            </Button>
          </Space>
          {addResult && (
            <div role="status" style={{ marginTop: 12 }}>
              自 {addResult.from} 起 {addResult.days} 个工作日后为{' '}
              <Typography.Text strong style={{ fontSize: '1.15em' }}>
                {addResult.date}（{weekday(addResult.date)}）
              </Typography.Text>
              {addResult.provisional && <Provisional />}
            </div>
          )}
        </Col>
        <Col xs={24} lg={12} role="region" aria-labelledby="gk-calc-between">
          <h3 id="gk-calc-between" style={SUBTITLE}>
            区间统计：两个日期之间的工作日数
          </h3>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            起日不计、止日计入，相隔不超过三年。
          </Typography.Paragraph>
          <Space wrap>
            <DatePicker.RangePicker
              aria-label="起止日期"
              value={range}
              onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
            />
            <Button type="primary" loading={busy === 'between'} onClick={() => void calcBetween()}>
              计算
            </Button>
          </Space>
          {between && (
            <div role="status" style={{ marginTop: 12 }}>
              {between.from} 至 {between.to} 之间共有{' '}
              <Typography.Text strong style={{ fontSize: '1.15em' }}>
                {between.workingDays}
              </Typography.Text>{' '}
              个工作日
              {between.provisional && <Provisional />}
            </div>
          )}
        </Col>
      </Row>
    </Card>
  );
}
