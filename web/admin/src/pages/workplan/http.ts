// A small JSON/FormData client for the work plan and privacy pages: session cookie, CSRF token
// (fetched from /auth/me and refreshed once on csrf_failed), errors as ApiError.
import { ApiError } from '../../api';

let csrf: string | null = null;

async function csrfToken(refresh = false): Promise<string | null> {
  if (csrf && !refresh) return csrf;
  const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  csrf = res.ok ? ((await res.json()) as { csrfToken: string }).csrfToken : null;
  return csrf;
}

type Query = Record<string, string | number | undefined>;

/** The raw response (for file downloads); throws ApiError on 4xx/5xx. */
export async function send(method: string, path: string, opts: { body?: unknown; query?: Query } = {}, retried = false): Promise<Response> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  const isForm = opts.body instanceof FormData;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = (await csrfToken()) ?? '';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', '网络错误，无法连接服务器');
  }
  if (res.ok) return res;
  const err = ((await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (res.status === 403 && err?.code === 'csrf_failed' && !retried) {
    await csrfToken(true);
    return send(method, path, opts, true);
  }
  throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `请求失败（HTTP ${res.status}）`);
}

export async function call<T>(method: string, path: string, opts: { body?: unknown; query?: Query } = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
