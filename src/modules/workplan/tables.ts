import type { Generated, Kysely, Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { PlatformTables } from '../../platform/db/tables.js';

/** Mirrors src/migrations/0004_workplan.ts. */
export interface WorkplanPlansTable {
  id: Generated<number>;
  year: number;
  title: string;
  source_name: string;
  created_by: number | null;
  created_at: string;
}

export interface WorkplanGroupsTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  numeral: string;
  title: string;
}

export interface WorkplanTasksTable {
  id: Generated<number>;
  plan_id: number;
  group_id: number;
  number: number;
  requirement: string;
  unit_phrase: string;
  deadline: string;
  due_date: string | null;
  unresolved_json: string;
}

/** pending → reported → accepted | returned (→ reported again) */
export interface WorkplanAssignmentsTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  role: string;
  seq: number;
  state: string;
  updated_at: string;
}

export interface WorkplanReportsTable {
  id: Generated<number>;
  assignment_id: number;
  text: string;
  evidence_json: string;
  submitted_by: number | null;
  submitted_at: string;
  /** submitted | accepted | returned */
  review_state: string;
  review_comment: string;
  reviewed_by: number | null;
  reviewed_at: string | null;
}

export type WorkplanTables = {
  workplan_plans: WorkplanPlansTable;
  workplan_groups: WorkplanGroupsTable;
  workplan_tasks: WorkplanTasksTable;
  workplan_assignments: WorkplanAssignmentsTable;
  workplan_reports: WorkplanReportsTable;
};

export type WpDb = Kysely<PlatformTables & WorkplanTables>;
export type WpTrx = Transaction<PlatformTables & WorkplanTables>;
export const wp = (db: Db): WpDb => db.kysely.withTables<WorkplanTables>();
