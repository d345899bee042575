import type { Generated } from 'kysely';

/** Staff-written sections 一、五、六 and the frozen published report (migration 0003_foi). unit_id 0 = whole district. */
export interface FoiAnnualReportsTable {
  id: Generated<number>;
  year: number;
  unit_id: number;
  overview: string;
  problems: string;
  other_matters: string;
  published_json: string | null;
  published_at: string | null;
  updated_at: string;
}

export type ReportTables = { foi_annual_reports: FoiAnnualReportsTable };
