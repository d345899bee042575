// 个人信息检测与脱敏: scan an attachment for personal data; make a masked copy of an .xlsx list.
import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { KIND_LABELS, privacyApi, type ScanFinding } from './api';

export default function PrivacyTools() {
  const [scanFile, setScanFile] = useState<File | null>(null);
  const [findings, setFindings] = useState<ScanFinding[] | null>(null);
  const [maskFile, setMaskFile] = useState<File | null>(null);
  const [columns, setColumns] = useState('身份证号,姓名,联系电话');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const scan = async () => {
    if (!scanFile) return;
    setBusy(true);
    setError(null);
    try {
      setFindings((await privacyApi.scan(scanFile)).findings);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const mask = async () => {
    if (!maskFile) return;
    setBusy(true);
    setError(null);
    try {
      const { blob, maskedCells } = await privacyApi.mask(maskFile, columns);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = maskFile.name.replace(/\.xlsx$/i, '') + '（脱敏）.xlsx';
      a.click();
      URL.revokeObjectURL(url);
      message.success(`已生成脱敏副本，处理 ${maskedCells} 个单元格`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const pick = (set: (f: File | null) => void) => ({
    maxCount: 1,
    beforeUpload: (f: File) => {
      set(f);
      return false;
    },
    onRemove: () => set(null),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      <Card title="个人信息检测">
        <Typography.Paragraph type="secondary">检查 .xlsx（每个工作表和单元格）、.docx、.pdf、.csv、.txt 中的身份证号（校验位和出生日期有效）、脱敏身份证号、手机号和银行卡号。</Typography.Paragraph>
        <Space>
          <Upload {...pick(setScanFile)} accept=".xlsx,.docx,.pdf,.csv,.txt"><Button icon={<UploadOutlined />}>选择文件</Button></Upload>
          <Button type="primary" disabled={!scanFile} loading={busy} onClick={() => void scan()}>检测</Button>
        </Space>
        {findings ? (
          findings.length ? (
            <Table<ScanFinding> style={{ marginTop: 16 }} rowKey={(f) => `${f.where}-${f.kind}`} size="small" pagination={false} dataSource={findings} columns={[
              { title: '类型', dataIndex: 'kind', width: 130, render: (k: ScanFinding['kind']) => <Tag color={k === 'resident_id_masked' ? 'default' : 'red'}>{KIND_LABELS[k]}</Tag> },
              { title: '位置', dataIndex: 'where' },
              { title: '内容（已遮盖）', dataIndex: 'preview', width: 220 },
            ]} />
          ) : <Alert style={{ marginTop: 16 }} type="success" showIcon message="未发现个人信息" />
        ) : null}
      </Card>
      <Card title="名单脱敏（.xlsx）">
        <Typography.Paragraph type="secondary">保留原表版式（工作表、合并单元格、列宽、其他单元格），所选列在每个工作表中按同一规则遮盖：身份证号保留前 6 后 4 位，姓名保留姓，电话保留前 3 后 4 位。</Typography.Paragraph>
        <Space wrap>
          <Upload {...pick(setMaskFile)} accept=".xlsx"><Button icon={<UploadOutlined />}>选择名单</Button></Upload>
          <Input value={columns} onChange={(e) => setColumns(e.target.value)} style={{ width: 280 }} addonBefore="脱敏列" aria-label="脱敏列" />
          <Button type="primary" disabled={!maskFile || !columns.trim()} loading={busy} onClick={() => void mask()}>生成脱敏副本</Button>
        </Space>
      </Card>
    </Space>
  );
}
