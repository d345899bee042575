import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { allListKinds, listKind, registerListKind } from './definitions.js';
import { checkCell, normaliseDate, validateRows } from './validate.js';
import { listToXlsx, readListXlsx } from './xlsx.js';
import { diffRows } from './diff.js';
import { FEE_ROWS_V1, feeRowsV2, feeRowsWithTwoBad, feeXlsx } from './fixtures.test-support.js';

const fees = listKind('admin_fees')!;

describe('list definitions', () => {
  it('has every kind of the issue, and the row key columns exist', () => {
    const labels = allListKinds().map((k) => k.label);
    for (const l of ['权责清单', '公共服务清单', '行政权力中介服务清单', '行政事业性收费目录清单', '政府性基金目录清单', '涉企保证金目录清单', '政府定价的经营服务性收费目录清单', '涉企收费清单', '轻微违法行为不予行政处罚清单', '从轻减轻行政处罚清单', '公共企事业单位信息公开目录']) {
      expect(labels).toContain(l);
    }
    for (const k of allListKinds()) for (const key of k.rowKey) expect(k.columns.map((c) => c.key)).toContain(key);
    expect(listKind('power')!.columns.find((c) => c.key === 'powerType')!.options).toHaveLength(10);
    expect(listKind('enterprise_catalog')!.unitKinds).toEqual(['enterprise']);
  });

  it('a new kind is a definition, not code', () => {
    registerListKind({ key: 'test_kind', label: '测试清单', description: '', columns: [{ key: 'name', label: '名称', type: 'text', required: true }], rowKey: ['name'] });
    expect(validateRows(listKind('test_kind')!, [{ line: 1, cells: { name: '' } }]).problems[0]!.message).toContain('必填');
    expect(() => registerListKind({ key: 'bad', label: 'x', description: '', columns: [], rowKey: ['nope'] })).toThrow();
  });
});

describe('cell checks', () => {
  const col = (type: 'integer' | 'decimal' | 'date' | 'credit_code' | 'url') => ({ key: 'x', label: 'X', type });
  it('normalises and refuses by type', () => {
    expect(checkCell(col('integer'), 3)).toEqual({ ok: true, value: '3' });
    expect(checkCell(col('integer'), '一').ok).toBe(false);
    expect(checkCell(col('decimal'), '1,200.50')).toEqual({ ok: true, value: '1200.5' });
    expect(checkCell(col('decimal'), '-1').ok).toBe(false);
    expect(checkCell(col('date'), '2025年3月1日')).toEqual({ ok: true, value: '2025-03-01' });
    expect(checkCell(col('date'), new Date(Date.UTC(2025, 1, 28)))).toEqual({ ok: true, value: '2025-02-28' });
    expect(checkCell(col('date'), '2025-02-30').ok).toBe(false);
    expect(checkCell(col('credit_code'), '91340100MA2N0Q1X1T').ok).toBe(false);
    expect(checkCell(col('url'), 'javascript:alert(1)').ok).toBe(false);
    expect(normaliseDate('2025/3/1')).toBe('2025-03-01');
  });
});

describe('.xlsx import', () => {
  it('refuses a file with two bad rows, naming every problem by row and column', async () => {
    const r = await readListXlsx(fees, await feeXlsx(feeRowsWithTwoBad()));
    const where = r.problems.map((p) => `${p.column}${p.row}`);
    expect(where.sort()).toEqual(['B6', 'C4', 'D6']);
    expect(new Set(r.problems.map((p) => p.row))).toEqual(new Set([4, 6]));
    expect(r.problems.find((p) => p.column === 'D')!.message).toContain('缴入国库');
  });

  it('reads a valid file with a title row, in any column order, with header aliases', async () => {
    const r = await readListXlsx(fees, await feeXlsx(FEE_ROWS_V1));
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(4);
    expect(r.rows[0]).toMatchObject({ department: '区自然资源局', seq: '1', item: '不动产登记费', fundManagement: '缴入国库' });
    const reordered = await feeXlsx(FEE_ROWS_V1.map((x) => [x[2]!, x[0]!, x[1]!, x[3]!, x[4]!]), { title: false, header: ['收费项目', '执收部门', '序号', '资金管理方式', '政策依据'] });
    const r2 = await readListXlsx(fees, reordered);
    expect(r2.problems).toEqual([]);
    expect(r2.rows.map((x) => x.item)).toEqual(r.rows.map((x) => x.item));
  });

  it('names a missing required column and a repeated row key', async () => {
    const noBasis = await readListXlsx(fees, await feeXlsx(FEE_ROWS_V1.map((x) => x.slice(0, 4)), { header: ['部门', '项目序号', '项目名称', '资金管理方式'] }));
    expect(noBasis.problems.map((p) => p.message)).toContain('缺少必填列「政策依据」');
    const dup = await readListXlsx(fees, await feeXlsx([...FEE_ROWS_V1, FEE_ROWS_V1[0]!]));
    expect(dup.problems).toHaveLength(1);
    expect(dup.problems[0]).toMatchObject({ row: 7, column: 'A' });
    expect(dup.problems[0]!.message).toContain('与第 3 行重复');
  });

  it('refuses what is not an .xlsx file with a 400', async () => {
    await expect(readListXlsx(fees, Buffer.from('not a zip'))).rejects.toMatchObject({ status: 400, code: 'invalid_xlsx' });
  });

  it('exports in the same layout: the file reads back to the same rows', async () => {
    const { rows } = await readListXlsx(fees, await feeXlsx(FEE_ROWS_V1));
    const out = await listToXlsx(fees.columns, rows, '相山区行政事业性收费目录清单', fees.label);
    const back = await readListXlsx(fees, out);
    expect(back.problems).toEqual([]);
    expect(back.rows).toEqual(rows);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(3).value).toBe('项目名称');
    expect(ws.getRow(3).getCell(2).value).toBe(1);
  });
});

describe('diff between versions', () => {
  it('finds added, removed and changed rows with the changed cells', async () => {
    const v1 = (await readListXlsx(fees, await feeXlsx(FEE_ROWS_V1))).rows;
    const v2 = (await readListXlsx(fees, await feeXlsx(feeRowsV2()))).rows;
    const d = diffRows(fees, v1, v2);
    expect(d.added.map((r) => r.item)).toEqual(['城市道路占用挖掘修复费']);
    expect(d.removed.map((r) => r.item)).toEqual(['土地复垦费']);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]).toMatchObject({ cells: ['standard'], before: { standard: '住宅类80元/件' }, after: { standard: '住宅类60元/件' } });
    expect(d.unchanged).toBe(2);
    expect(diffRows(fees, v2, v1).added.map((r) => r.item)).toEqual(['土地复垦费']);
  });
});
