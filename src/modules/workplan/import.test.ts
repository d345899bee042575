import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { bootstrap } from '../../platform/bootstrap.js';
import { ROOT } from '../../platform/app.js';
import { listUnits, type Unit } from '../../platform/units/units.js';
import { parseWorkPlan } from './parse.js';
import { resolveUnitPhrase } from './resolve.js';
import { readTableFile, rowsFromText } from './table.js';
import { buildPreview, importPlan } from './plans.js';
import { systemActor } from '../../platform/actor.js';
import { dueDateOf } from './rules.js';
import { wp } from './tables.js';
import { planAsDocx, planAsXlsx } from './fixtures.test-support.js';

const SEED = path.resolve(ROOT, '../shared/seed/work-plan-2025.txt');
const seedText = fs.readFileSync(SEED, 'utf8');

let t: TestDatabase;
let units: Unit[];
const short = (id: number) => units.find((u) => u.id === id)!.shortName;

beforeAll(async () => {
  t = await createTestDatabase();
  await bootstrap(t.db, { demo: true, adminPassword: 'admin-pass-12345', print: () => {} });
  units = await listUnits(t.db);
});
afterAll(async () => t.drop());

describe('parsing the 2025 task table (text export)', () => {
  const plan = parseWorkPlan(rowsFromText(seedText));

  it('recovers 6 groups and 22 numbered tasks with requirement, units and deadline', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.groups.map((g) => g.numeral)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(plan.groups.map((g) => g.tasks.length)).toEqual([4, 4, 4, 4, 2, 4]);
    const tasks = plan.groups.flatMap((g) => g.tasks);
    expect(tasks.map((x) => x.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (const task of tasks) {
      expect(task.requirement.length, `task ${task.number}`).toBeGreaterThan(20);
      expect(task.unitPhrase, `task ${task.number}`).not.toBe('');
      expect(task.deadline).toBe('持续推进');
    }
    expect(plan.groups[5]!.title).toBe('筑牢公开工作基础 构建高效保障机制');
    expect(tasks[1]!.unitPhrase).toBe('区数据资源局、区投资促进局、区发改委等相关区直部门、各镇(办)、经开区');
    expect(tasks[20]!.requirement).toMatch(/^加强信息质量与安全管理。.*及时整改问题信息。$/);
  });

  it('joins a wrapped cell (lines without the closing "|") back together', () => {
    const rows = rowsFromText('一、第一组 |\n1 |\n要求的前半段\n和后半段。 |\n区政府办 |\n持续推进 |\n');
    expect(parseWorkPlan(rows).groups[0]!.tasks[0]).toEqual({ number: 1, requirement: '要求的前半段和后半段。', unitPhrase: '区政府办', deadline: '持续推进' });
  });

  it('resolves every unit phrase of the seed, lead unit first', () => {
    for (const task of plan.groups.flatMap((g) => g.tasks)) {
      const r = resolveUnitPhrase(task.unitPhrase, units);
      expect(r.unresolved, `task ${task.number}: ${task.unitPhrase}`).toEqual([]);
      expect(r.units.length, `task ${task.number}`).toBeGreaterThan(0);
    }
    const t2 = resolveUnitPhrase('区数据资源局、区投资促进局、区发改委等相关区直部门、各镇(办)、经开区', units);
    expect(t2.units.slice(0, 3).map((u) => [short(u.unitId), u.role])).toEqual([['区数据资源局', 'lead'], ['区投资促进局', 'named'], ['区发改委', 'named']]);
    const depts = units.filter((u) => u.kind === 'department');
    const towns = units.filter((u) => u.kind === 'town');
    // 等相关区直部门 → every department; 各镇(办) → every town/sub-district; 经开区 by name
    expect(t2.units.filter((u) => u.role === 'expanded').map((u) => u.unitId).sort()).toEqual(
      [...depts.filter((d) => !['区数据资源局', '区投资促进局', '区发改委'].includes(d.shortName)), ...towns].map((u) => u.id).sort(),
    );
    expect(t2.units.at(-1)).toEqual({ unitId: units.find((u) => u.shortName === '经开区')!.id, role: 'named' });
    expect(resolveUnitPhrase('各企事业单位', units).units.map((u) => short(u.unitId)).sort()).toEqual(units.filter((u) => u.kind === 'enterprise').map((u) => u.shortName).sort());
    expect(resolveUnitPhrase('区直各部门', units).units).toHaveLength(depts.length);
    expect(resolveUnitPhrase('区政府办', units).units).toEqual([{ unitId: units.find((u) => u.shortName === '区政府办')!.id, role: 'lead' }]);
  });

  it('shows what it cannot resolve', () => {
    expect(resolveUnitPhrase('区政府办、区气象局、区应急局等相关区直部门', units).unresolved).toEqual(['区气象局', '区应急局']);
    expect(resolveUnitPhrase('区政府办、各驻区单位', units).unresolved).toEqual(['各驻区单位']);
  });

  it('derives due dates from the deadline text', () => {
    expect(dueDateOf('持续推进', 2025)).toBe('2025-12-31');
    expect(dueDateOf('6月底前', 2025)).toBe('2025-06-30');
    expect(dueDateOf('2025年2月底前', 2025)).toBe('2025-02-28');
    expect(dueDateOf('2025年9月15日', 2025)).toBe('2025-09-15');
    expect(dueDateOf('按上级要求', 2025)).toBeNull();
  });
});

describe('the same table as .docx and .xlsx', () => {
  it('imports to the same groups, tasks and units as the text export', async () => {
    const fromText = buildPreview(await readTableFile(Buffer.from(seedText)), units, 2025);
    expect(fromText.summary).toEqual({ groups: 6, tasks: 22 });
    expect(fromText.unresolved).toEqual([]);
    const parsed = parseWorkPlan(rowsFromText(seedText));
    for (const [label, buf] of [['docx', await planAsDocx(parsed)], ['xlsx', await planAsXlsx(parsed)]] as const) {
      const p = buildPreview(await readTableFile(buf), units, 2025);
      expect(p.problems, label).toEqual([]);
      expect(p.groups, label).toEqual(fromText.groups);
    }
  });
});

describe('npx gongkai workplan import', () => {
  it('imports the seed and prints the JSON summary', async () => {
    const url = t.databaseConfig.kind === 'sqlite' ? `sqlite:${t.databaseConfig.file}` : t.databaseConfig.url;
    const run = () =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'workplan', 'import', SEED, '--year', '2025'], {
        encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, DATA_DIR: t.config.dataDir },
      });
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ groups: 6, tasks: 22, unresolved: [] });
    const k = wp(t.db);
    expect(await k.selectFrom('workplan_tasks').select('id').execute()).toHaveLength(22);
    expect(await k.selectFrom('workplan_groups').select('id').execute()).toHaveLength(6);
    // every task whose phrase starts with a named unit has that unit as lead; 1, 5, 8, 16 start with 各…
    const leads = await k.selectFrom('workplan_assignments as a').innerJoin('workplan_tasks as t', 't.id', 'a.task_id').select('t.number').where('a.role', '=', 'lead').execute();
    const numbers = Array.from({ length: 22 }, (_, i) => i + 1).filter((n) => ![1, 5, 8, 16].includes(n));
    expect(leads.map((l) => l.number).sort((a, b) => a - b)).toEqual(numbers);
    // a second import of the same year is refused with a clear message
    const again = run();
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('plan_exists');
  });
});

describe('importPlan', () => {
  it('two imports of the same year at once: one is saved, the other refused as plan_exists', async () => {
    const rows = rowsFromText(seedText);
    const results = await Promise.allSettled([importPlan(t.db, systemActor(), { rows, year: 2030 }), importPlan(t.db, systemActor(), { rows, year: 2030 })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ status: 409, code: 'plan_exists' });
    expect(await wp(t.db).selectFrom('workplan_plans').select('id').where('year', '=', 2030).execute()).toHaveLength(1);
  });

  it('refuses a file with no recognisable tasks', async () => {
    await expect(importPlan(t.db, systemActor(), { rows: [['随便什么内容']], year: 2031 })).rejects.toMatchObject({ status: 400, code: 'empty_plan' });
  });
});
