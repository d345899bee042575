// Types mirroring the foundation JSON API contract (docs/api-foundation.md).

/** Entity ids are opaque to the back office (number or string). */
export type Id = number | string;

export interface RoleAssignment {
  role: string;
  unitId: Id | null;
  unitName: string | null;
}

export interface Me {
  id: Id;
  username: string;
  displayName: string;
  /** null for accounts not attached to a unit (e.g. the bootstrap administrator). */
  unitId: Id | null;
  unitName: string | null;
  roles: RoleAssignment[];
  permissions: string[];
}

export interface AuthResponse {
  user: Me;
  csrfToken: string;
}

export interface ApiToken {
  id: Id;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedToken {
  id: Id;
  name: string;
  token: string;
}

export type RoleScope = 'unit' | 'district' | 'either';

export interface RoleDef {
  role: string;
  label: string;
  scope: RoleScope;
}

export type UnitKind = 'government' | 'office' | 'department' | 'town' | 'zone' | 'enterprise';

export interface Unit {
  id: Id;
  name: string;
  shortName: string;
  kind: UnitKind;
  /** Optional text fields are '' when empty. */
  creditCode: string;
  docCodePrefix: string;
  contactPhone: string;
  contactAddress: string;
  contactEmail: string;
  parentId: Id | null;
  active: boolean;
  sortOrder: number;
  isDemo: boolean;
}

export type UnitInput = Omit<Unit, 'id' | 'isDemo'>;

export interface User {
  id: Id;
  username: string;
  displayName: string;
  unitId: Id;
  unitName: string;
  active: boolean;
  roles: RoleAssignment[];
  createdAt: string;
  lastLoginAt: string | null;
}

export interface RoleInput {
  role: string;
  unitId: Id | null;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  unitId: Id;
  password: string;
  roles?: RoleInput[];
}

export interface UpdateUserInput {
  displayName?: string;
  unitId?: Id;
  active?: boolean;
  password?: string;
}

export type CalendarSource = 'package' | 'entered' | 'missing';
export type DayKind = 'holiday' | 'workday';

export interface CalendarYear {
  year: number;
  source: CalendarSource;
  corrections: number;
}

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
  origin: 'package' | 'entered';
}

export interface CalendarYearDays {
  year: number;
  source: CalendarSource;
  days: CalendarDay[];
}

export interface DayInput {
  date: string;
  kind: DayKind;
  name: string;
}

export interface AddResult {
  from: string;
  days: number;
  date: string;
  provisional: boolean;
}

export interface BetweenResult {
  from: string;
  to: string;
  workingDays: number;
  provisional: boolean;
}

export interface AuditEntry {
  id: Id;
  seq: number;
  at: string;
  actorId: Id | null;
  actorName: string;
  unitId: Id | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  entityType?: string;
  action?: string;
  actorId?: Id;
  unitId?: Id;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  problems: { seq: number; problem: string }[];
}

export interface SiteSettings {
  siteName: string;
  hostUnit: string;
  siteCode: string;
  icp: string;
  psb: string;
  contactPhone: string;
  contactEmail: string;
  address: string;
}
