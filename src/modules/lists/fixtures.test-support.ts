import ExcelJS from 'exceljs';

/** A fee list (行政事业性收费目录清单) as a unit keeps it: a title row, the header, the items. */
export const FEE_HEADER = ['部门', '项目序号', '项目名称', '资金管理方式', '政策依据', '收费标准', '计算单位', '收费对象'];

export const FEE_ROWS_V1: Array<Array<string | number>> = [
  ['区自然资源局', 1, '不动产登记费', '缴入国库', '《不动产登记收费标准》（发改价格规〔2016〕2559号）', '住宅类80元/件', '件', '不动产登记申请人'],
  ['区自然资源局', 2, '土地复垦费', '缴入国库', '《土地复垦条例》', '按复垦方案确定', '亩', '生产建设单位'],
  ['区市场监管局', 1, '特种设备检验检测费', '缴入财政专户', '《特种设备安全法》', '按省定标准', '台', '设备使用单位'],
  ['区教育局', 1, '普通高中学费', '缴入财政专户', '《安徽省普通高中收费管理办法》', '每生每学期800元', '学期', '普通高中学生'],
];

/** The same list with two bad rows: row 4 (Excel) has no 项目名称, row 6 an unknown 资金管理方式 and a non-numeric 项目序号. */
export function feeRowsWithTwoBad(): Array<Array<string | number>> {
  const rows = FEE_ROWS_V1.map((r) => [...r]);
  rows[1]![2] = '';
  rows[3]![3] = '自收自支';
  rows[3]![1] = '一';
  return rows;
}

/** Version 2: one item removed, one added, one changed. */
export function feeRowsV2(): Array<Array<string | number>> {
  const rows = FEE_ROWS_V1.filter((r) => r[2] !== '土地复垦费').map((r) => [...r]);
  rows.find((r) => r[2] === '不动产登记费')![5] = '住宅类60元/件';
  rows.push(['区住建局', 1, '城市道路占用挖掘修复费', '缴入国库', '《城市道路管理条例》', '按修复面积计', '平方米', '占用挖掘单位']);
  return rows;
}

export async function feeXlsx(rows: Array<Array<string | number>>, opts: { title?: boolean; header?: string[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收费清单');
  if (opts.title ?? true) ws.addRow(['相山区行政事业性收费目录清单（2025年）']);
  ws.addRow(opts.header ?? FEE_HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file (field `file`) and text fields, for `inject`. */
export function multipart(filename: string, data: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
