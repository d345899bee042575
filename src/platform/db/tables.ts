import type { Generated } from 'kysely';

/*
 * Storage conventions, identical on SQLite and PostgreSQL:
 * - timestamps are ISO-8601 UTC text ('2025-03-01T08:00:00.000Z'), dates 'YYYY-MM-DD' text;
 * - booleans are integers 0/1; JSON is text.
 * This keeps every query and every returned value the same on both databases.
 */

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  kind: string;
  credit_code: string;
  doc_code_prefix: string;
  contact_phone: string;
  contact_address: string;
  contact_email: string;
  parent_id: number | null;
  active: number;
  sort_order: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number;
  password_hash: string;
  active: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  password_changed_at: string;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  /** null = district-wide (全区) */
  unit_id: number | null;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a leaked table does not leak usable sessions */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
  success: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  unit_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface CalendarDaysTable {
  date: string;
  kind: string;
  name: string;
  created_by: number | null;
  created_at: string;
}

export interface CalendarYearsTable {
  year: number;
  note: string;
  created_by: number | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
}

export interface CountersTable {
  scope: string;
  key: string;
  value: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface PlatformTables {
  units: UnitsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  settings: SettingsTable;
  counters: CountersTable;
  rate_limits: RateLimitsTable;
}
