import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, type Client, type TestApp } from '../../../test/helpers.js';

/**
 * Every endpoint in the OpenAPI document, fed malformed input: each answer must be a 4xx with
 * `{"error":{"code","message"}}` and a Chinese message — never a 500.
 */
let t: TestApp;
let admin: Client;
interface Operation {
  method: string;
  path: string;
  params: string[];
  query: string[];
  hasBody: boolean;
}
let ops: Operation[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  const doc = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
  };
  ops = Object.entries(doc.paths)
    .filter(([p]) => p.startsWith('/api/v1/'))
    .flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: p,
        params: (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name),
        query: (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
        hasBody: op.requestBody !== undefined,
      })),
    );
});
afterAll(async () => t.close());

const CJK = /[\u4e00-\u9fff]/;

function expectClientError(res: { statusCode: number; body: string }, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error.code, what).toMatch(/^[a-z_]+$/);
    expect(body.error.message, what).toMatch(CJK);
  }
}

const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);

describe('malformed input to every endpoint', () => {
  it('the OpenAPI document lists the API', () => {
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toContain('POST /api/v1/auth/login');
  });

  it('bad path parameters', async () => {
    for (const op of ops.filter((o) => o.params.length)) {
      for (const v of ['abc', '-1', '0', '1.5', '99999999999999999999', '%00', '2025-02-30']) {
        const res = await admin.request(op.method, fill(op.path, encodeURIComponent(v)), op.hasBody ? {} : undefined);
        expectClientError(res, `${op.method} ${op.path} [${v}]`);
      }
    }
  });

  it('bad query strings', async () => {
    for (const op of ops.filter((o) => o.query.length)) {
      for (const v of ['abc', '-5', '', '1e309', 'x'.repeat(5000)]) {
        const qs = op.query.map((q) => `${q}=${encodeURIComponent(v)}`).join('&');
        const res = await admin.request(op.method, `${fill(op.path, '1')}?${qs}`);
        expectClientError(res, `${op.method} ${op.path}?${qs.slice(0, 60)}`);
      }
    }
  });

  it('bad bodies', async () => {
    const bodies: Array<[string, string]> = [
      ['not json', 'application/json'],
      ['[]', 'application/json'],
      ['{}', 'application/json'],
      ['null', 'application/json'],
      ['{"name":{"$gt":""},"username":["a"],"password":123,"roles":"admin","days":"x","year":"abc"}', 'application/json'],
      ['<xml/>', 'application/xml'],
      [JSON.stringify({ name: 'x'.repeat(100_000), displayName: '名'.repeat(10_000), username: 'u'.repeat(1000) }), 'application/json'],
    ];
    for (const op of ops.filter((o) => o.hasBody)) {
      for (const [payload, type] of bodies) {
        const res = await t.server.inject({
          method: op.method as 'POST',
          url: fill(op.path, '1'),
          payload,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': type },
        });
        expectClientError(res, `${op.method} ${op.path} body ${payload.slice(0, 40)}`);
        expect(res.statusCode, `${op.method} ${op.path} accepted ${payload.slice(0, 40)}`).not.toBe(500);
      }
    }
  });

  it('a body over the size limit is 413', async () => {
    const res = await admin.request('POST', '/api/v1/units', { name: 'x'.repeat(3 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expectClientError(res, 'oversized');
  });

  it('anonymous callers of protected endpoints get 401, never data or 500', async () => {
    for (const op of ops) {
      const res = await t.server.inject({ method: op.method as 'GET', url: fill(op.path, '1'), ...(op.hasBody && { payload: {} }) });
      expectClientError(res, `anonymous ${op.method} ${op.path}`);
    }
  });

  it('nothing is half-saved: a user with an invalid role grant is not created', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      username: 'halfsaved', displayName: '半', unitId: 1, password: 'half-saved-123', roles: [{ role: 'editor', unitId: 1 }, { role: 'no_such_role', unitId: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'halfsaved').executeTakeFirst()).toBeUndefined();
  });

  it('unknown API paths are JSON 404s', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
