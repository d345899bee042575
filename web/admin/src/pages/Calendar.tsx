// 工作日历: year source, special days, corrections, year entry and the calculator.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage, type CalendarDay, type CalendarSource, type CalendarYear, type CalendarYearDays } from '../api';
import { useCan } from '../auth';
import { DAY_KIND_LABELS, SOURCE_LABELS, weekday } from '../labels';
import CalendarDayModal, { type DayModalState } from '../components/CalendarDayModal';
import CalendarYearModal from '../components/CalendarYearModal';
import WorkdayCalculator from '../components/WorkdayCalculator';

const SOURCE_COLORS: Record<CalendarSource, string> = { package: 'blue', entered: 'green', missing: 'orange' };

function pickDefaultYear(items: CalendarYear[]): number | undefined {
  const current = new Date().getFullYear();
  return items.find((y) => y.year === current)?.year ?? items[items.length - 1]?.year;
}

export default function Calendar() {
  const { message } = App.useApp();
  const canManage = useCan('calendar.manage');
  const [years, setYears] = useState<CalendarYear[]>([]);
  const [year, setYear] = useState<number | undefined>();
  const [data, setData] = useState<CalendarYearDays | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dayModal, setDayModal] = useState<DayModalState>(null);
  const [yearModal, setYearModal] = useState(false);

  const loadYears = useCallback(async (select?: number) => {
    try {
      const items = [...(await api.calendarYears()).items].sort((a, b) => a.year - b.year);
      setYears(items);
      setYear((prev) => select ?? prev ?? pickDefaultYear(items));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  const loadDays = useCallback(async (y: number) => {
    setLoading(true);
    setError(null);
    try {
      setData(await api.calendarDays(y));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void loadYears();
  }, [loadYears]);

  useEffect(() => {
    if (year !== undefined) void loadDays(year);
  }, [year, loadDays]);

  const reload = () => {
    void loadYears();
    if (year !== undefined) void loadDays(year);
  };

  const remove = async (date: string) => {
    try {
      await api.deleteCalendarDay(date);
      message.success(`已删除 ${date}`);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const source = data?.source ?? years.find((y) => y.year === year)?.source;
  const info = years.find((y) => y.year === year);
  const nextYearToEnter =
    years.find((y) => y.source === 'missing')?.year ?? (years.length ? years[years.length - 1]!.year + 1 : new Date().getFullYear());

  const columns: ColumnsType<CalendarDay> = [
    { title: '日期', dataIndex: 'date', width: 130 },
    { title: '星期', key: 'weekday', width: 80, render: (_, d) => weekday(d.date) },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'geekblue'}>{DAY_KIND_LABELS[k] ?? k}</Tag>,
      filters: [
        { text: '放假', value: 'holiday' },
        { text: '调休上班', value: 'workday' },
      ],
      onFilter: (v, d) => d.kind === v,
    },
    { title: '名称', dataIndex: 'name' },
    {
      title: '来源',
      dataIndex: 'origin',
      width: 100,
      render: (o: CalendarDay['origin']) => <Tag color={o === 'entered' ? 'green' : 'default'}>{o === 'entered' ? '已录入' : '内置'}</Tag>,
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            render: (_: unknown, d: CalendarDay) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDayModal({ mode: 'edit', day: d })}>
                  更正
                </Button>
                {d.origin === 'entered' && (
                  <Popconfirm
                    title={`删除 ${d.date} 的录入？`}
                    description="删除后该日恢复为内置数据或普通日期。"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() => remove(d.date)}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>工作日历</h1>}
        extra={
          <Space wrap>
            <Select
              aria-label="选择年份"
              value={year}
              onChange={setYear}
              style={{ width: 180 }}
              options={years.map((y) => ({ value: y.year, label: `${y.year} 年 · ${SOURCE_LABELS[y.source]}` }))}
            />
            {canManage && (
              <>
                <Button icon={<PlusOutlined />} disabled={year === undefined} onClick={() => year && setDayModal({ mode: 'add', year })}>
                  添加/更正日期
                </Button>
                <Button type="primary" icon={<CalendarOutlined />} onClick={() => setYearModal(true)}>
                  录入全年安排
                </Button>
              </>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {year !== undefined && source && (
          <Space wrap style={{ marginBottom: 16 }}>
            <span>{year} 年数据来源：</span>
            <Tag color={SOURCE_COLORS[source]}>{SOURCE_LABELS[source]}</Tag>
            {source === 'package' && info && info.corrections > 0 && <Tag color="green">已更正 {info.corrections} 天</Tag>}
          </Space>
        )}
        {source === 'missing' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${year} 年的节假日安排尚未录入`}
            description="该年的办理期限暂按普通周末计算，属于暂定结果。国务院办公厅发布当年安排后，请及时录入全年安排。"
            action={
              canManage && (
                <Button size="small" onClick={() => setYearModal(true)}>
                  立即录入
                </Button>
              )
            }
          />
        )}
        <Table<CalendarDay>
          rowKey="date"
          columns={columns}
          dataSource={data?.days ?? []}
          loading={loading}
          size="small"
          pagination={false}
          locale={{ emptyText: source === 'missing' ? '尚未录入该年的特殊日期' : '该年没有特殊日期' }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          此处仅列出特殊日期（法定节假日放假日与调休上班的周末），其余周一至周五为工作日、周六周日为休息日。
        </Typography.Paragraph>
      </Card>
      <WorkdayCalculator />
      {canManage && (
        <>
          <CalendarDayModal
            state={dayModal}
            onClose={() => setDayModal(null)}
            onSaved={() => {
              setDayModal(null);
              reload();
            }}
          />
          <CalendarYearModal
            open={yearModal}
            initialYear={source === 'missing' && year !== undefined ? year : nextYearToEnter}
            onClose={() => setYearModal(false)}
            onSaved={(y) => {
              setYearModal(false);
              void loadYears(y);
              if (y === year) void loadDays(y);
            }}
          />
        </>
      )}
    </Space>
  );
}
