// 公开年报: choose unit and year, see the tables and every 勾稽 check, write sections 一、五、六, publish, download .xlsx.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useAuth, useCan } from '../../auth';
import { call, errText, foiApi } from './foiApi';

interface Report {
  year: number;
  unitId: number | null;
  unitName: string;
  section1: string;
  section2: { rules: Record<string, number>; normativeDocuments: Record<string, number>; licensing: number; penalty: number; coercion: number; feesWanYuan: number };
  section3: Record<string, Record<string, number>>;
  section4: Record<string, Record<string, number>>;
  section5: string;
  section6: string;
  checks: Array<{ id: string; description: string; ok: boolean; detail: string }>;
  allChecksPass: boolean;
  publishedAt: string | null;
}

const COLS = [['natural', '自然人'], ['business', '商业企业'], ['research', '科研机构'], ['public_welfare', '社会公益组织'], ['legal_service', '法律服务机构'], ['other', '其他'], ['total', '总计']];
const ROWS: Array<[string, string]> = [
  ['new', '一、本年新收政府信息公开申请数量'], ['carried_in', '二、上年结转政府信息公开申请数量'], ['granted', '（一）予以公开'], ['partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['withheld', '（三）不予公开'], ['withheld_state_secret', '1.属于国家秘密'], ['withheld_law', '2.其他法律行政法规禁止公开'], ['withheld_security', '3.危及“三安全一稳定”'], ['withheld_third_party', '4.保护第三方合法权益'],
  ['withheld_internal', '5.属于三类内部事务信息'], ['withheld_process', '6.属于四类过程性信息'], ['withheld_enforcement', '7.属于行政执法案卷'], ['withheld_inquiry', '8.属于行政查询事项'],
  ['unable', '（四）无法提供'], ['unable_not_held', '1.本机关不掌握相关政府信息'], ['unable_need_create', '2.没有现成信息需要另行制作'], ['unable_unclear', '3.补正后申请内容仍不明确'],
  ['not_processed', '（五）不予处理'], ['not_processed_petition', '1.信访举报投诉类申请'], ['not_processed_repeat', '2.重复申请'], ['not_processed_publication', '3.要求提供公开出版物'], ['not_processed_mass', '4.无正当理由大量反复申请'], ['not_processed_confirm', '5.要求行政机关确认或重新出具已获取信息'],
  ['other_handling', '（六）其他处理'], ['other_no_supplement', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], ['other_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], ['other', '3.其他'],
  ['result_total', '（七）总计'], ['carried_out', '四、结转下年度继续办理'],
];
const S4 = [['review', '行政复议'], ['litigation_direct', '行政诉讼（未经复议直接起诉）'], ['litigation_after_review', '行政诉讼（复议后起诉）']];
const S4R = [['upheld', '结果维持'], ['corrected', '结果纠正'], ['other', '其他结果'], ['pending', '尚未审结'], ['total', '总计']];

export default function AnnualReport() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const canHandle = useCan('foi.handle');
  const [units, setUnits] = useState<Array<{ id: number; name: string }>>([]);
  const [unit, setUnit] = useState<number | 'district'>(me.unitId ? Number(me.unitId) : 'district');
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [r, setR] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [caseForm] = Form.useForm();

  useEffect(() => void foiApi.units().then((x) => setUnits(x.items)), []);
  const load = useCallback(async () => {
    setError(null);
    try {
      const rep = await call<Report>('GET', `/reports/foi-annual?year=${year}&unit=${unit}`);
      setR(rep);
      form.setFieldsValue({ section1: rep.section1, section5: rep.section5, section6: rep.section6 });
    } catch (e) {
      setR(null);
      setError(errText(e));
    }
  }, [year, unit, form]);
  useEffect(() => void load(), [load]);

  const unitParam = unit === 'district' ? null : unit;
  const save = async () => {
    try {
      setR(await call<Report>('PUT', '/reports/foi-annual/texts', { year, unit: unitParam, ...form.getFieldsValue() }));
      message.success('已保存');
    } catch (e) {
      message.error(errText(e));
    }
  };
  const publish = async () => {
    try {
      await save();
      setR(await call<Report>('POST', '/reports/foi-annual/publish', { year, unit: unitParam }));
      message.success('已发布到门户「公开年报」');
    } catch (e) {
      message.error(errText(e));
    }
  };
  const addCase = async () => {
    const v = await caseForm.validateFields();
    try {
      await foiApi.createCase({ ...v, unitId: unitParam, closedOn: v.closedOn || null });
      message.success('已登记案件');
      caseForm.resetFields();
      void load();
    } catch (e) {
      message.error(errText(e));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="政府信息公开工作年度报告">
        <Space wrap>
          <Select aria-label="报告单位" style={{ width: 260 }} value={unit} onChange={setUnit} options={[{ value: 'district', label: '全区' }, ...units.map((u) => ({ value: u.id, label: u.name }))]} showSearch optionFilterProp="label" />
          <InputNumber aria-label="年度" min={2008} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          <Button href={`/api/v1/reports/foi-annual.xlsx?year=${year}&unit=${unit}`}>下载 .xlsx</Button>
          {r?.publishedAt && <Tag color="green">已于 {r.publishedAt.slice(0, 10)} 发布</Tag>}
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      </Card>
      {r && (
        <>
          <Card title={`勾稽关系校验（${r.checks.filter((c) => c.ok).length}/${r.checks.length} 通过）`}>
            {r.allChecksPass ? <Alert type="success" showIcon title="全部勾稽关系校验通过" /> : <Alert type="error" showIcon title="存在未通过的勾稽关系" />}
            <List size="small" dataSource={r.checks.filter((c) => !c.ok).concat(r.checks.filter((c) => c.ok).slice(0, 0))} renderItem={(c) => <List.Item>{c.description}：{c.detail}</List.Item>} />
            <details>
              <summary>查看全部 {r.checks.length} 项</summary>
              <ul>{r.checks.map((c) => <li key={c.id}>{c.ok ? '✓' : '✗'} {c.description}（{c.detail}）</li>)}</ul>
            </details>
          </Card>
          <Card title="二、主动公开政府信息情况">
            <Typography.Paragraph type="secondary">规章和行政规范性文件来自政策文件库（按成文日期计制发，12 月 31 日仍有效的计现行有效），许可、处罚、强制来自行政执法公示中已公开的决定，收费金额来自「收费金额」页各单位的登记。</Typography.Paragraph>
            <Typography.Paragraph>规章：制发 {r.section2.rules.issued}，废止 {r.section2.rules.repealed}，现行有效 {r.section2.rules.current}；行政规范性文件：制发 {r.section2.normativeDocuments.issued}，废止 {r.section2.normativeDocuments.repealed}，现行有效 {r.section2.normativeDocuments.current}；行政许可 {r.section2.licensing}；行政处罚 {r.section2.penalty}；行政强制 {r.section2.coercion}；行政事业性收费 {r.section2.feesWanYuan} 万元。</Typography.Paragraph>
          </Card>
          <Card title="三、收到和处理政府信息公开申请情况">
            <Table size="small" pagination={false} rowKey="0" dataSource={ROWS} scroll={{ x: true }} columns={[{ title: '', dataIndex: 1, key: 'label' }, ...COLS.map(([k, l]) => ({ title: l, key: k, render: (_: unknown, row: [string, string]) => r.section3[row[0]]?.[k] ?? '' }))]} />
          </Card>
          <Card title="四、政府信息公开行政复议、行政诉讼情况">
            <Table size="small" pagination={false} rowKey="0" dataSource={S4} columns={[{ title: '', dataIndex: 1, key: 'label' }, ...S4R.map(([k, l]) => ({ title: l, key: k, render: (_: unknown, row: string[]) => r.section4[row[0]!]?.[k] }))]} />
            {canHandle && unit !== 'district' && (
              <Form form={caseForm} layout="inline" name="foiCase" style={{ marginTop: 16 }} initialValues={{ kind: 'review', result: 'pending' }}>
                <Form.Item name="kind" label="类型"><Select style={{ width: 220 }} options={S4.map(([value, label]) => ({ value, label }))} /></Form.Item>
                <Form.Item name="caseNumber" label="案号"><Input /></Form.Item>
                <Form.Item name="filedOn" label="立案日期" rules={[{ required: true, message: '请填写立案日期' }]}><Input type="date" /></Form.Item>
                <Form.Item name="result" label="结果"><Select style={{ width: 120 }} options={S4R.slice(0, 4).map(([value, label]) => ({ value, label }))} /></Form.Item>
                <Form.Item name="closedOn" label="审结日期"><Input type="date" /></Form.Item>
                <Button onClick={() => void addCase()}>登记案件</Button>
              </Form>
            )}
          </Card>
          <Card title="文字部分">
            <Form form={form} layout="vertical" name="foiReportTexts">
              <Form.Item name="section1" label="一、总体情况"><Input.TextArea rows={5} /></Form.Item>
              <Form.Item name="section5" label="五、存在的主要问题及改进情况"><Input.TextArea rows={4} /></Form.Item>
              <Form.Item name="section6" label="六、其他需要报告的事项"><Input.TextArea rows={3} /></Form.Item>
            </Form>
            <Space>
              <Button onClick={() => void save()}>保存</Button>
              <Button type="primary" disabled={!r.allChecksPass} onClick={() => void publish()}>发布到门户</Button>
            </Space>
          </Card>
        </>
      )}
    </Space>
  );
}
