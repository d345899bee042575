/**
 * List kinds (清单) as data: each kind is its columns with their types. Adding a kind is adding
 * a definition here (or calling `registerListKind` from another module) — validation, .xlsx
 * import/export, versions, diff and the portal pages all work from the definition.
 * Columns follow ../shared/domain/lists-enforcement.md.
 */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'enum' | 'credit_code' | 'url';

export interface ColumnDef {
  key: string;
  /** header in the .xlsx file and on the portal */
  label: string;
  type: ColumnType;
  required?: boolean;
  /** enum values */
  options?: readonly string[];
  /** text length limit (default 2000) */
  max?: number;
  /** the column cites laws/policies (实施依据, 政策依据 …): the portal links titles found in the library */
  cites?: boolean;
  /** the portal offers a filter on this column (enums get a select, others a text box) */
  filter?: boolean;
  /** alternative headers accepted on import (files kept by units name columns slightly differently) */
  aliases?: readonly string[];
}

export interface ListKindDef {
  key: string;
  label: string;
  /** one line on the portal */
  description: string;
  /** unit kinds that keep this list (default: every kind except public enterprises) */
  unitKinds?: readonly string[];
  columns: readonly ColumnDef[];
  /** columns that identify a row across versions (for the diff); unique within a version */
  rowKey: readonly string[];
  /**
   * Update duty: the current version must be confirmed or replaced within this many months
   * (动态调整; default 12 — a yearly check). The same duty binds every unit kind, public
   * enterprises included.
   */
  updateDutyMonths?: number;
}

export const DEFAULT_UPDATE_DUTY_MONTHS = 12;

export const POWER_TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力'] as const;
export const FUND_MANAGEMENT = ['缴入国库', '缴入财政专户', '其他'] as const;
export const FEE_CATEGORIES = ['行政事业性收费', '政府性基金', '涉企保证金', '经营服务性收费', '其他'] as const;

const seq: ColumnDef = { key: 'seq', label: '序号', type: 'integer' };
const note: ColumnDef = { key: 'note', label: '备注', type: 'text' };
const NOT_ENTERPRISE = ['government', 'office', 'department', 'town', 'zone'] as const;

/** The common shape of the 收费 family: item, standard, basis, department. */
function feeFamily(key: string, label: string, description: string, itemLabel: string, extra: ColumnDef[] = []): ListKindDef {
  return {
    key, label, description, unitKinds: [...NOT_ENTERPRISE, 'enterprise'],
    columns: [
      seq,
      { key: 'item', label: itemLabel, type: 'text', required: true, filter: true, aliases: ['项目名称', '收费项目', '名称'] },
      { key: 'standard', label: '收费标准', type: 'text', required: true, aliases: ['征收标准', '收取标准', '标准'] },
      { key: 'basis', label: '政策依据', type: 'text', required: true, cites: true, aliases: ['设立依据', '定价依据', '依据'] },
      { key: 'department', label: '部门', type: 'text', required: true, filter: true, aliases: ['执收部门', '收取部门', '收费单位', '收费部门'] },
      ...extra,
      note,
    ],
    rowKey: ['department', 'item'],
  };
}

const BUILT_IN: ListKindDef[] = [
  {
    key: 'power', label: '权责清单', description: '本单位行使的行政权力事项及对应的责任事项、追责情形（皖政〔2023〕95号）',
    columns: [
      seq,
      { key: 'powerType', label: '权力类型', type: 'enum', options: POWER_TYPES, required: true, filter: true },
      { key: 'code', label: '项目编码', type: 'text', required: true, max: 60 },
      { key: 'name', label: '项目名称', type: 'text', required: true, filter: true },
      { key: 'subItem', label: '子项', type: 'text' },
      { key: 'basis', label: '实施依据', type: 'text', required: true, cites: true },
      { key: 'duties', label: '责任事项', type: 'text', required: true },
      { key: 'accountability', label: '追责情形', type: 'text' },
      { key: 'implementer', label: '实施主体', type: 'text' },
    ],
    rowKey: ['code', 'subItem'],
  },
  {
    key: 'public_service', label: '公共服务清单', description: '本单位提供的公共服务事项',
    columns: [
      seq,
      { key: 'name', label: '事项名称', type: 'text', required: true, filter: true },
      { key: 'category', label: '服务类别', type: 'text', filter: true },
      { key: 'target', label: '服务对象', type: 'text' },
      { key: 'basis', label: '设定依据', type: 'text', required: true, cites: true },
      { key: 'implementer', label: '实施主体', type: 'text', required: true },
      { key: 'timeLimit', label: '办理时限', type: 'text' },
      { key: 'fee', label: '收费标准', type: 'text' },
      note,
    ],
    rowKey: ['name'],
  },
  {
    key: 'intermediary', label: '行政权力中介服务清单', description: '行政审批中涉及的中介服务事项',
    columns: [
      seq,
      { key: 'name', label: '中介服务事项名称', type: 'text', required: true, filter: true, aliases: ['名称', '中介服务名称'] },
      { key: 'approval', label: '涉及的审批事项', type: 'text', required: true },
      { key: 'basis', label: '设定依据', type: 'text', required: true, cites: true },
      { key: 'provider', label: '服务机构', type: 'text', required: true },
      { key: 'fee', label: '收费依据与标准', type: 'text', required: true },
      note,
    ],
    rowKey: ['name', 'approval'],
  },
  {
    key: 'admin_fees', label: '行政事业性收费目录清单', description: '行政事业性收费项目、标准及政策依据',
    unitKinds: [...NOT_ENTERPRISE],
    columns: [
      { key: 'department', label: '部门', type: 'text', required: true, filter: true, aliases: ['执收部门', '收费部门'] },
      { key: 'seq', label: '项目序号', type: 'integer', required: true, aliases: ['序号'] },
      { key: 'item', label: '项目名称', type: 'text', required: true, filter: true, aliases: ['收费项目'] },
      { key: 'fundManagement', label: '资金管理方式', type: 'enum', options: FUND_MANAGEMENT, required: true, filter: true },
      { key: 'basis', label: '政策依据', type: 'text', required: true, cites: true },
      { key: 'standard', label: '收费标准', type: 'text' },
      { key: 'unit', label: '计算单位', type: 'text' },
      { key: 'payer', label: '收费对象', type: 'text' },
      note,
    ],
    rowKey: ['department', 'item'],
  },
  feeFamily('gov_funds', '政府性基金目录清单', '政府性基金项目、征收标准及政策依据', '基金名称'),
  feeFamily('enterprise_deposits', '涉企保证金目录清单', '涉企保证金项目、收取标准及设立依据', '保证金项目'),
  feeFamily('operating_fees', '政府定价的经营服务性收费目录清单', '实行政府定价的经营服务性收费项目及标准', '收费项目'),
  feeFamily('enterprise_fees', '涉企收费清单', '面向企业的各类收费项目', '收费项目', [
    { key: 'category', label: '收费类别', type: 'enum', options: FEE_CATEGORIES, required: true, filter: true },
  ]),
  {
    key: 'no_penalty', label: '轻微违法行为不予行政处罚清单', description: '首次违法、危害后果轻微并及时改正的，不予行政处罚（《行政处罚法》第三十三条）',
    columns: [
      seq,
      { key: 'violation', label: '违法行为', type: 'text', required: true, filter: true, aliases: ['处罚事项'] },
      { key: 'condition', label: '不予处罚条件', type: 'text', required: true },
      { key: 'basis', label: '法律依据', type: 'text', required: true, cites: true },
      { key: 'authority', label: '实施机关', type: 'text', required: true, filter: true },
      note,
    ],
    rowKey: ['violation', 'authority'],
  },
  {
    key: 'lighter_penalty', label: '从轻减轻行政处罚清单', description: '依法从轻或者减轻行政处罚的情形及裁量幅度',
    columns: [
      seq,
      { key: 'violation', label: '违法行为', type: 'text', required: true, filter: true, aliases: ['处罚事项'] },
      { key: 'condition', label: '从轻减轻条件', type: 'text', required: true },
      { key: 'range', label: '裁量幅度', type: 'text', required: true },
      { key: 'basis', label: '法律依据', type: 'text', required: true, cites: true },
      { key: 'authority', label: '实施机关', type: 'text', required: true, filter: true },
      note,
    ],
    rowKey: ['violation', 'authority'],
  },
  // 行政执法公示 · 事前: bodies, officers and procedures are lists too.
  {
    key: 'enforcement_bodies', label: '行政执法主体清单', description: '行政执法主体、执法依据与联系方式（执法公示·事前）',
    columns: [
      seq,
      { key: 'name', label: '执法主体名称', type: 'text', required: true, filter: true },
      { key: 'creditCode', label: '统一社会信用代码', type: 'credit_code', required: true },
      { key: 'field', label: '执法领域', type: 'text', required: true, filter: true },
      { key: 'basis', label: '职责依据', type: 'text', required: true, cites: true },
      { key: 'address', label: '办公地址', type: 'text' },
      { key: 'phone', label: '联系电话', type: 'text', max: 40 },
    ],
    rowKey: ['creditCode'],
  },
  {
    key: 'enforcement_officers', label: '行政执法人员清单', description: '持证执法人员姓名、执法证号与执法领域（执法公示·事前）',
    columns: [
      seq,
      { key: 'name', label: '姓名', type: 'text', required: true, max: 40, filter: true },
      { key: 'certificate', label: '执法证号', type: 'text', required: true, max: 40 },
      { key: 'body', label: '所属执法主体', type: 'text', required: true, filter: true },
      { key: 'field', label: '执法领域', type: 'text', required: true, filter: true },
      { key: 'validUntil', label: '证件有效期至', type: 'date' },
    ],
    rowKey: ['certificate'],
  },
  {
    key: 'enforcement_procedures', label: '行政执法流程清单', description: '各类行政执法的办理流程（执法公示·事前）',
    columns: [
      seq,
      { key: 'category', label: '执法类别', type: 'enum', options: POWER_TYPES, required: true, filter: true },
      { key: 'name', label: '流程名称', type: 'text', required: true },
      { key: 'steps', label: '流程说明', type: 'text', required: true, max: 5000 },
      { key: 'basis', label: '依据', type: 'text', cites: true },
      { key: 'url', label: '流程图链接', type: 'url' },
    ],
    rowKey: ['category', 'name'],
  },
  // Task 8: public enterprises and institutions keep their own disclosure catalog.
  {
    key: 'enterprise_catalog', label: '公共企事业单位信息公开目录', description: '供水、供电、供气、公交、医疗、教育等公共企事业单位的信息公开事项、依据、时限与渠道',
    unitKinds: ['enterprise'],
    columns: [
      seq,
      { key: 'category', label: '公开类别', type: 'text', required: true, filter: true },
      { key: 'item', label: '公开事项', type: 'text', required: true, filter: true },
      { key: 'content', label: '公开内容', type: 'text', required: true, max: 5000 },
      { key: 'basis', label: '公开依据', type: 'text', required: true, cites: true },
      { key: 'deadline', label: '公开时限', type: 'text', required: true, aliases: ['更新要求', '更新时限'] },
      { key: 'channel', label: '公开渠道', type: 'text', required: true, aliases: ['公开方式', '公开渠道和载体'] },
      { key: 'owner', label: '责任部门', type: 'text' },
    ],
    rowKey: ['category', 'item'],
  },
];

const kinds = new Map<string, ListKindDef>(BUILT_IN.map((k) => [k.key, k]));

export function registerListKind(def: ListKindDef): void {
  for (const k of def.rowKey) if (!def.columns.some((c) => c.key === k)) throw new Error(`list kind ${def.key}: row key ${k} is not a column`);
  kinds.set(def.key, def);
}

export function listKind(key: string): ListKindDef | undefined {
  return kinds.get(key);
}

export function allListKinds(): ListKindDef[] {
  return [...kinds.values()];
}

export function kindAppliesTo(def: ListKindDef, unitKind: string): boolean {
  return (def.unitKinds ?? NOT_ENTERPRISE).includes(unitKind);
}
