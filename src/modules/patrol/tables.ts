import type { Generated, Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.js';

export type PatrolTables = {
  patrol_runs: {
    id: Generated<number>;
    trigger: string;
    status: string;
    progress: number;
    stage: string;
    summary_json: string;
    started_by: number | null;
    started_at: string;
    finished_at: string | null;
    error: string | null;
  };
  patrol_findings: {
    id: Generated<number>;
    run_id: number;
    kind: string;
    severity: string;
    fingerprint: string;
    unit_id: number | null;
    item_id: number | null;
    column_id: number | null;
    title: string;
    detail: string;
    place: string;
    preview: string;
  };
  patrol_followups: {
    fingerprint: string;
    status: string;
    assignee_id: number | null;
    note: string;
    updated_by: number | null;
    updated_at: string;
    resolved_run_id: number | null;
  };
};
export type PatrolDb = Kysely<PlatformTables & PatrolTables>;
