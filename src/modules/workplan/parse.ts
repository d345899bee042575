import type { TableRows } from './table.js';

/**
 * The yearly work plan (政务公开工作要点) task table → groups and tasks.
 *
 * Works on the cells in reading order, so it does not depend on how rows were cut (the text
 * export has no row boundaries; the .docx/.xlsx versions may merge the group title across a row
 * or down a column). A group starts at a title 「一、…」; a task at a number cell; the task's last
 * cell that reads as a deadline is its deadline, the cell before it its responsible units, and
 * everything between the number and the units its requirement (a wrapped requirement may span
 * several cells).
 */
export interface ParsedTask {
  number: number;
  requirement: string;
  unitPhrase: string;
  deadline: string;
}

export interface ParsedGroup {
  /** 一, 二 … */
  numeral: string;
  title: string;
  tasks: ParsedTask[];
}

export interface ParsedPlan {
  groups: ParsedGroup[];
  /** things the parser could not place (shown to the person importing) */
  problems: string[];
}

const GROUP = /^([一二三四五六七八九十]{1,3})[、.．]\s*(.+)$/;
const NUMBER = /^(\d{1,3})[.、．]?$/;
const HEADERS = new Set(['序号', '工作任务', '具体工作要求', '工作要求', '责任单位', '牵头单位', '完成时限', '时限要求', '备注', '主要任务']);
const DEADLINE = /^(持续推进|长期坚持|常态化推进|全年|年底前|\d{4}年.*|.{0,6}\d{1,2}月.{0,4}(前|底|末)?|按.+要求|.{0,8}(底前|前完成|之前))$/;
/** Words only a responsible-unit cell is made of. */
const UNITISH = /(局|委|办|分局|镇|街道|经开区|开发区|部门|单位|政府|中心|公司|医院)$/;

export function looksLikeDeadline(s: string): boolean {
  return s.length <= 20 && DEADLINE.test(s);
}

export function looksLikeUnits(s: string): boolean {
  const parts = s.split(/[、，,；;\s]+/).filter(Boolean);
  return parts.length > 0 && s.length <= 200 && parts.every((p) => UNITISH.test(p.replace(/[(（][^)）]*[)）]$/, '').replace(/等?相关.*$/, '部门')));
}

export function parseWorkPlan(rows: TableRows): ParsedPlan {
  const cells = rows.flat().map((c) => c.trim()).filter((c) => c !== '' && c !== '|');
  const groups: ParsedGroup[] = [];
  const problems: string[] = [];
  let group: ParsedGroup | undefined;
  let taskNumber: number | undefined;
  let body: string[] = [];

  const finishTask = () => {
    if (taskNumber === undefined) return;
    const n = taskNumber;
    taskNumber = undefined;
    const cellsOfTask = body;
    body = [];
    if (!group) {
      problems.push(`任务 ${n} 前没有任务分组标题`);
      return;
    }
    let deadline = '';
    let rest = cellsOfTask;
    const last = rest[rest.length - 1];
    if (last !== undefined && looksLikeDeadline(last)) {
      deadline = last;
      rest = rest.slice(0, -1);
    } else problems.push(`任务 ${n} 未找到完成时限`);
    let unitPhrase = '';
    const u = rest[rest.length - 1];
    if (u !== undefined && rest.length > 1 && looksLikeUnits(u)) {
      unitPhrase = u;
      rest = rest.slice(0, -1);
    } else problems.push(`任务 ${n} 未找到责任单位`);
    const requirement = rest.join('');
    if (!requirement) problems.push(`任务 ${n} 没有具体工作要求`);
    group.tasks.push({ number: n, requirement, unitPhrase, deadline });
  };

  for (const cell of cells) {
    const g = GROUP.exec(cell);
    if (g) {
      // A group title met right after a task number (title column merged down) opens the group for that task.
      const carry = taskNumber !== undefined && body.length === 0 ? taskNumber : undefined;
      if (carry === undefined) finishTask();
      else taskNumber = undefined;
      group = { numeral: g[1]!, title: g[2]!.trim(), tasks: [] };
      groups.push(group);
      if (carry !== undefined) taskNumber = carry;
      continue;
    }
    const num = NUMBER.exec(cell);
    if (num) {
      finishTask();
      taskNumber = Number(num[1]);
      continue;
    }
    if (taskNumber === undefined) {
      // Before the first group: the document title and column headers.
      if (group && !HEADERS.has(cell.replace(/\s+/g, ''))) problems.push(`无法归属的内容：「${cell.slice(0, 30)}」`);
      continue;
    }
    body.push(cell);
  }
  finishTask();

  // Numbers should run 1, 2, 3 … across the groups.
  const numbers = groups.flatMap((g) => g.tasks.map((t) => t.number));
  numbers.forEach((n, i) => {
    if (n !== i + 1) problems.push(`任务序号不连续：第 ${i + 1} 个任务的序号是 ${n}`);
  });
  return { groups, problems };
}
