// Typed client for the foundation JSON API (docs/api-foundation.md).
import type {
  ApiToken,
  AuditEntry,
  AuditQuery,
  AuditVerifyResult,
  AuthResponse,
  AddResult,
  BetweenResult,
  CalendarYear,
  CalendarYearDays,
  CreatedToken,
  CreateUserInput,
  DayInput,
  DayKind,
  Id,
  RoleDef,
  RoleInput,
  SiteSettings,
  Unit,
  UnitInput,
  UpdateUserInput,
  User,
} from './types';

export type * from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** e.g. `{ issues: [{ field, message }] }` for invalid_input */
  readonly details?: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Chinese message for any thrown value, for display in message/Alert. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

/** Called when an authenticated request gets 401 (session expired). */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

function buildUrl(path: string, query?: Query): string {
  const url = `/api/v1${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

type RequestOptions = { body?: unknown; query?: Query; retried?: boolean };

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // FormData (file uploads) sets its own multipart Content-Type.
  const isForm = opts.body instanceof FormData;
  if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', '网络错误，无法连接服务器');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    // The session's CSRF token changed (e.g. re-login in another tab): refresh it once and retry.
    if (res.status === 403 && err?.code === 'csrf_failed' && method !== 'GET' && !opts.retried) {
      const fresh = await request<AuthResponse>('GET', '/auth/me').catch(() => null);
      if (fresh) {
        csrfToken = fresh.csrfToken;
        return request<T>(method, path, { ...opts, retried: true });
      }
    }
    const apiErr = new ApiError(
      res.status,
      err?.code ?? 'http_error',
      err?.message ?? `请求失败（HTTP ${res.status}）`,
      err?.details,
    );
    if (res.status === 401 && path !== '/auth/login' && path !== '/auth/me') unauthenticatedHandler?.();
    throw apiErr;
  }
  return data as T;
}

/** For module clients (pages/<module>/api.ts): JSON or FormData body, session CSRF token, errors as ApiError. */
export const apiRequest = request;

function keepToken<T extends AuthResponse>(r: T): T {
  csrfToken = r.csrfToken;
  return r;
}

export const api = {
  // Auth
  login: (username: string, password: string) =>
    request<AuthResponse>('POST', '/auth/login', { body: { username, password } }).then(keepToken),
  logout: () =>
    request<void>('POST', '/auth/logout').finally(() => {
      csrfToken = null;
    }),
  me: () => request<AuthResponse>('GET', '/auth/me').then(keepToken),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } }),
  listTokens: () => request<{ items: ApiToken[] }>('GET', '/auth/tokens'),
  createToken: (name: string, expiresInDays?: number) =>
    request<CreatedToken>('POST', '/auth/tokens', { body: expiresInDays ? { name, expiresInDays } : { name } }),
  revokeToken: (id: Id) => request<void>('DELETE', `/auth/tokens/${encodeURIComponent(id)}`),

  // Roles and units
  listRoles: () => request<{ items: RoleDef[] }>('GET', '/roles'),
  listUnits: (includeInactive = false) =>
    request<{ items: Unit[] }>('GET', '/units', { query: { includeInactive: includeInactive ? 1 : undefined } }),
  createUnit: (input: UnitInput) => request<Unit>('POST', '/units', { body: input }),
  updateUnit: (id: Id, input: Partial<UnitInput>) =>
    request<Unit>('PATCH', `/units/${encodeURIComponent(id)}`, { body: input }),

  // Users
  listUsers: (query: { unitId?: Id; q?: string }) => request<{ items: User[] }>('GET', '/users', { query }),
  createUser: (input: CreateUserInput) => request<User>('POST', '/users', { body: input }),
  updateUser: (id: Id, input: UpdateUserInput) =>
    request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body: input }),
  setUserRoles: (id: Id, roles: RoleInput[]) =>
    request<User>('PUT', `/users/${encodeURIComponent(id)}/roles`, { body: { roles } }),

  // Calendar
  calendarYears: () => request<{ items: CalendarYear[] }>('GET', '/calendar/years'),
  calendarDays: (year: number) => request<CalendarYearDays>('GET', '/calendar/days', { query: { year } }),
  enterCalendarYear: (year: number, days: DayInput[]) =>
    request<CalendarYearDays>('POST', '/calendar/years', { body: { year, days } }),
  putCalendarDay: (date: string, kind: DayKind, name: string) =>
    request<DayInput>('PUT', `/calendar/days/${date}`, { body: { kind, name } }),
  deleteCalendarDay: (date: string) => request<void>('DELETE', `/calendar/days/${date}`),
  calendarAdd: (from: string, days: number) => request<AddResult>('GET', '/calendar/add', { query: { from, days } }),
  calendarBetween: (from: string, to: string) =>
    request<BetweenResult>('GET', '/calendar/between', { query: { from, to } }),

  // Audit
  listAudit: (query: AuditQuery) =>
    request<{ items: AuditEntry[]; total: number }>('GET', '/audit', { query: { ...query } }),
  verifyAudit: () => request<AuditVerifyResult>('POST', '/audit/verify'),

  // Settings
  getSiteSettings: () => request<SiteSettings>('GET', '/settings/site'),
  putSiteSettings: (input: SiteSettings) => request<SiteSettings>('PUT', '/settings/site', { body: input }),

  // Health (outside /api/v1)
  health: async (): Promise<{ status: string; database: string }> => {
    const res = await fetch('/healthz', { credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status, 'unhealthy', '服务状态异常');
    return (await res.json()) as { status: string; database: string };
  },
};
