import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { chainProblem } from './chain.js';

/** Review-chain settings per unit and content kind: what applies, where it comes from, what is refused. */
let t: TestApp;
let admin: Client;
let editor: Client;
let unit: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unit = await unitIdByShortName(t.db, '区教育局');
  const res = await admin.request('POST', '/api/v1/users', { username: 'rc_editor', displayName: 'rc', unitId: unit, password: 'chain-pass-123', roles: [{ role: 'editor', unitId: unit }] });
  expect(res.statusCode, res.body).toBe(201);
  editor = await login(t.server, 'rc_editor', 'chain-pass-123');
});
afterAll(async () => t.close());

const effective = async (c: Client, q: string) => {
  const res = await c.request('GET', `/api/v1/review-chains/effective?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { source: string; own: unknown; configured: string[]; effective: string[]; setting: { unitId: number | null; kind: string | null } | null };
};

describe('chainProblem', () => {
  it('accepts chains in the fixed order ending with 终审 and explains every refusal', () => {
    expect(chainProblem(['first', 'second', 'confidentiality', 'final'])).toBeNull();
    expect(chainProblem(['final'])).toBeNull();
    expect(chainProblem([])).toBe('请至少选择一个审核环节');
    expect(chainProblem(['first', 'first', 'final'])).toBe('审核环节不能重复');
    expect(chainProblem(['second', 'first', 'final'])).toContain('初审 → 复审 → 保密审查 → 终审');
    expect(chainProblem(['first', 'second'])).toBe('审核流程须以「终审」结束');
  });
});

describe('review chain settings over HTTP', () => {
  it('without settings a kind uses its built-in chain, with 保密审查 added where the kind requires it', async () => {
    const e = await effective(editor, `unitId=${unit}&kind=notice`);
    expect(e).toMatchObject({ source: 'builtin', setting: null, own: null, configured: ['first', 'second', 'final'], effective: ['first', 'second', 'confidentiality', 'final'] });
  });

  it('refuses bad chains, unknown units and kinds with reasons; only 系统管理员 may change them', async () => {
    const put = (body: unknown, c = admin) => c.request('PUT', '/api/v1/review-chains', body);
    expect((await put({ unitId: unit, kind: 'notice', stages: ['final'] }, editor)).statusCode).toBe(403);
    for (const [stages, msg] of [[['final', 'first'], '的顺序排列'], [['first', 'second'], '须以「终审」结束'], [['first', 'first', 'final'], '不能重复']] as const) {
      const res = await put({ unitId: unit, kind: 'notice', stages });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_chain' });
      expect(res.json().error.message).toContain(msg);
    }
    const noKind = await put({ unitId: unit, kind: 'no_such_kind', stages: ['final'] });
    expect(noKind.json().error).toMatchObject({ code: 'invalid_kind', message: '内容类型「no_such_kind」不存在' });
    expect((await put({ unitId: 999999, kind: null, stages: ['final'] })).json().error.code).toBe('invalid_unit');
    expect((await put({ unitId: unit, kind: 'notice', stages: [] })).statusCode).toBe(400);
    expect((await admin.request('GET', '/api/v1/review-chains')).json().items).toEqual([]);
  });

  it('the most specific setting applies and says where it comes from; clearing one inherits the next', async () => {
    expect((await admin.request('PUT', '/api/v1/review-chains', { unitId: null, kind: null, stages: ['first', 'final'] })).statusCode).toBe(204);
    let e = await effective(editor, `unitId=${unit}&kind=notice`);
    expect(e).toMatchObject({ source: 'district', own: null, effective: ['first', 'confidentiality', 'final'], setting: { unitId: null, kind: null } });

    expect((await admin.request('PUT', '/api/v1/review-chains', { unitId: null, kind: 'notice', stages: ['second', 'final'] })).statusCode).toBe(204);
    expect((await effective(editor, `unitId=${unit}&kind=notice`)).source).toBe('kind');
    expect((await admin.request('PUT', '/api/v1/review-chains', { unitId: unit, kind: null, stages: ['first', 'second', 'final'] })).statusCode).toBe(204);
    expect((await effective(editor, `unitId=${unit}&kind=notice`)).source).toBe('unit');
    expect((await admin.request('PUT', '/api/v1/review-chains', { unitId: unit, kind: 'notice', stages: ['second', 'final'] })).statusCode).toBe(204);
    e = await effective(editor, `unitId=${unit}&kind=notice`);
    expect(e).toMatchObject({ source: 'unit_kind', configured: ['second', 'final'], effective: ['second', 'confidentiality', 'final'], own: { unitId: unit, kind: 'notice' } });
    // The district-wide view is unaffected by the unit's settings.
    expect((await effective(editor, '')).source).toBe('district');
    expect((await admin.request('GET', '/api/v1/review-chains')).json().items).toHaveLength(4);

    // A new submission follows the unit's chain for notices.
    const n = (await editor.request('POST', '/api/v1/items', { kind: 'notice', unitId: unit, title: '开学通知', bodyHtml: '<p>九月一日开学。</p>' })).json();
    const sub = await editor.request('POST', `/api/v1/items/${n.id}/submit`);
    expect(sub.json().chain).toEqual(['second', 'confidentiality', 'final']);
    expect(sub.json().stage).toBe('second');

    expect((await editor.request('DELETE', `/api/v1/review-chains?unitId=${unit}&kind=notice`)).statusCode).toBe(403);
    expect((await admin.request('DELETE', `/api/v1/review-chains?unitId=${unit}&kind=notice`)).statusCode).toBe(204);
    expect((await effective(editor, `unitId=${unit}&kind=notice`)).source).toBe('unit');
    const again = await admin.request('DELETE', `/api/v1/review-chains?unitId=${unit}&kind=notice`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toContain('没有单独的审核环节设置');

    const actions = (await admin.request('GET', '/api/v1/audit?entityType=review_chain')).json().items.map((i: { action: string }) => i.action);
    expect(actions.filter((a: string) => a === 'review_chain.set')).toHaveLength(4);
    expect(actions).toContain('review_chain.clear');
  });
});
