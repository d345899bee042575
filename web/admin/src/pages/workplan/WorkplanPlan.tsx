// 工作要点: each task's and each unit's state, what is overdue (SVG chart), and progress reporting for one's own unit.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { useCan } from '../../auth';
import BarChart from './BarChart';
import { usePlan } from './usePlans';
import { ROLE_LABELS, STATE_COLORS, STATE_LABELS, TASK_STATE_LABELS, workplanApi, type AssignmentView, type Evidence, type TaskView } from './api';

interface ReportForm {
  text: string;
  evidence?: Array<{ kind: Evidence['kind']; ref: string; title?: string }>;
}

const EVIDENCE_KINDS = [
  { value: 'url', label: '链接' },
  { value: 'item', label: '信息编号' },
  { value: 'column', label: '栏目' },
  { value: 'list', label: '清单' },
];

export default function WorkplanPlan() {
  const { plans, planId, setPlanId, plan, loading, error, reload } = usePlan();
  const canReport = useCan('workplan.report');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [reporting, setReporting] = useState<{ task: TaskView; a: AssignmentView } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ReportForm>();

  const tasks = useMemo(() => (plan ? plan.groups.flatMap((g) => g.tasks.map((t) => ({ ...t, group: `${g.numeral}、${g.title}` }))) : []), [plan]);
  const shown = onlyOverdue ? tasks.filter((t) => t.assignments.some((a) => a.overdue)) : tasks;

  const submit = async (values: ReportForm) => {
    if (!reporting) return;
    setSaving(true);
    try {
      await workplanApi.report(reporting.a.id, values.text, (values.evidence ?? []).map((e) => ({ ...e, title: e.title ?? '' })));
      message.success('已报送，等待区政府办审核');
      setReporting(null);
      form.resetFields();
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<(typeof tasks)[number]> = [
    { title: '序号', dataIndex: 'number', width: 64 },
    {
      title: '具体工作要求',
      dataIndex: 'requirement',
      render: (v: string, t) => (
        <Space direction="vertical" size={2}>
          <Typography.Text type="secondary">{t.group}</Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>{v}</Typography.Paragraph>
          {t.unresolved.length ? <Typography.Text type="danger">未识别的责任单位：{t.unresolved.join('、')}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: '完成时限', dataIndex: 'deadline', width: 110, render: (v: string, t) => <span title={t.dueDate ?? ''}>{v}</span> },
    {
      title: '状态',
      dataIndex: 'state',
      width: 110,
      render: (v: TaskView['state'], t) => (
        <Space direction="vertical" size={2}>
          <Tag>{TASK_STATE_LABELS[v]}</Tag>
          {t.overdue ? <Tag color="red">逾期</Tag> : null}
        </Space>
      ),
    },
    {
      title: plan?.districtWide ? '责任单位（牵头在前）' : '本单位分工',
      key: 'units',
      render: (_: unknown, t) => (
        <Space wrap size={[4, 4]}>
          {t.assignments.map((a) => (
            <Tag key={a.id} color={a.overdue ? 'red' : STATE_COLORS[a.state]} title={`${ROLE_LABELS[a.role]} · ${STATE_LABELS[a.state]}`}>
              {a.role === 'lead' ? '★' : ''}
              {a.unitName} · {STATE_LABELS[a.state]}
              {canReport && !plan?.districtWide && a.state !== 'reported' ? (
                <Button type="link" size="small" onClick={() => setReporting({ task: t, a })}>报送进展</Button>
              ) : null}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  if (!loading && !plans.length) return <Card title="工作要点"><Empty description="尚未导入工作要点" /></Card>;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={plan?.title ?? '工作要点'}
        extra={
          <Space>
            <Select value={planId ?? undefined} style={{ width: 140 }} onChange={setPlanId} options={plans.map((p) => ({ value: p.id, label: `${p.year} 年` }))} aria-label="年度" />
            <Button onClick={() => void reload()}>刷新</Button>
          </Space>
        }
      >
        {error ? <Alert type="error" showIcon message={error} /> : null}
        {plan ? (
          <BarChart
            title={`各单位任务进展（截至 ${plan.today}）`}
            rows={plan.units.map((u) => ({
              label: u.unitName,
              segments: [
                { label: '已通过', value: u.accepted, color: '#52c41a' },
                { label: '待审核', value: u.reported, color: '#1677ff' },
                { label: '已退回', value: u.returned, color: '#faad14' },
                { label: '未报送', value: u.pending, color: '#d9d9d9' },
              ],
              note: u.overdue ? `逾期 ${u.overdue}` : undefined,
            }))}
          />
        ) : null}
      </Card>
      <Card title="任务清单" extra={<Space><span>只看逾期</span><Switch checked={onlyOverdue} onChange={setOnlyOverdue} aria-label="只看逾期" /></Space>}>
        <Table rowKey="id" loading={loading} columns={columns} dataSource={shown} pagination={false} size="middle" />
      </Card>
      <Modal
        open={reporting !== null}
        title={reporting ? `报送进展：任务 ${reporting.task.number}（${reporting.a.unitName}）` : ''}
        onCancel={() => setReporting(null)}
        onOk={() => form.submit()}
        okText="报送"
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="text" label="进展情况" rules={[{ required: true, min: 5, message: '请填写进展情况（至少 5 个字）' }]}>
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
          <Form.List name="evidence">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'kind']} initialValue="url"><Select options={EVIDENCE_KINDS} style={{ width: 100 }} aria-label="佐证类型" /></Form.Item>
                    <Form.Item name={[f.name, 'ref']} rules={[{ required: true, message: '请填写链接或编号' }]}><Input placeholder="https://…、/policies/12 或编号" aria-label="链接或编号" /></Form.Item>
                    <Form.Item name={[f.name, 'title']}><Input placeholder="说明" aria-label="说明" /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>添加佐证材料</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Space>
  );
}
