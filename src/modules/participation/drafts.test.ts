import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { anon, token, userWith } from '../consult/test-support.js';
import { moderationFlags, periodProblem, publicName, shiftDate } from './rules.js';
import { pdb } from './tables.js';

let t: TestApp;
let unit: number;
let editor: Client;
let other: Client;
let first: Client;
let final: Client;
const today = chinaToday();

beforeAll(async () => {
  t = await createTestApp();
  unit = await unitIdByShortName(t.db, '区发改委');
  editor = await userWith(t, 'p_ed', unit, [{ role: 'editor', unitId: unit }]);
  other = await userWith(t, 'p_ed2', await unitIdByShortName(t.db, '区教育局'), [{ role: 'editor', unitId: await unitIdByShortName(t.db, '区教育局') }]);
  first = await userWith(t, 'p_r1', unit, [{ role: 'reviewer_first', unitId: unit }]);
  final = await userWith(t, 'p_r3', unit, [{ role: 'reviewer_final', unitId: unit }]);
});
afterAll(async () => t.close());

describe('rules', () => {
  it('major decisions: at least 30 days unless a reason is stated', () => {
    expect(periodProblem({ major: true, startOn: '2025-03-01', endOn: '2025-03-31', shortReason: '' })).toBeNull();
    expect(periodProblem({ major: true, startOn: '2025-03-01', endOn: '2025-03-15', shortReason: '' })?.code).toBe('period_too_short');
    expect(periodProblem({ major: true, startOn: '2025-03-01', endOn: '2025-03-15', shortReason: '防汛紧急需要，须在汛期前实施' })).toBeNull();
    expect(periodProblem({ major: false, startOn: '2025-03-01', endOn: '2025-03-08', shortReason: '' })).toBeNull();
  });
  it('flags abuse, spam and personal data; shows names as surname + asterisks', () => {
    expect(moderationFlags('你们这些狗官')).toContain('abuse');
    expect(moderationFlags('优惠代开发票 加微信 abc')).toContain('spam');
    expect(moderationFlags('我的电话 13912345678')).toContain('personal_data');
    expect(moderationFlags('建议增加公交线路')).toEqual([]);
    expect(publicName('张三丰')).toBe('张**');
    expect(publicName('')).toBe('匿名');
  });
});

describe('a comment period from draft to published feedback report', () => {
  it('runs: defaults to 30 days, refuses a short period without reason, comments moderated, offline comment entered, abusive one held back, adoption, feedback through the pipeline, linked to the final policy', async () => {
    const body = '第一条 为规范城区停车管理，制定本办法。\n第二条 本办法适用于城区道路停车泊位。\n第三条 停车泊位实行分时段收费。';
    const short = await editor.request('POST', '/api/v1/participation/drafts', { unitId: unit, title: '城区停车管理办法（征求意见稿）', explanation: '起草说明', body, major: true, startOn: today, endOn: shiftDate(today, 10) });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('period_too_short');
    const created = await editor.request('POST', '/api/v1/participation/drafts', { unitId: unit, title: '城区停车管理办法（征求意见稿）', explanation: '为缓解停车难，起草本办法。', body, major: true, startOn: today });
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json();
    expect(d.end_on).toBe(shiftDate(today, 30));
    expect((await other.request('POST', `/api/v1/participation/drafts/${d.id}/open`)).statusCode).toBe(403);
    // Not public before it is opened.
    expect((await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '建议增加夜间免费时段。' })).statusCode).toBe(404);
    expect((await editor.request('POST', `/api/v1/participation/drafts/${d.id}/open`)).statusCode).toBe(200);

    const key = token();
    const c1 = await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '建议对居民区夜间停车免费。', paragraph: 3, name: '张三', idempotencyKey: key });
    expect(c1.statusCode, c1.body).toBe(201);
    expect(c1.json().status).toBe('pending');
    expect((await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '建议对居民区夜间停车免费。', paragraph: 3, name: '张三', idempotencyKey: key })).json().replayed).toBe(true);
    const c2 = (await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '你们这些狗官只会收钱！' })).json();
    const c3 = (await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '同意，我电话13912345678可以联系我' })).json();
    const badPara = await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '第九段有问题，请修改。', paragraph: 9 });
    expect(badPara.json().error.code).toBe('invalid_paragraph');
    // Staff enter an offline comment from a village notice board; anonymous callers cannot set a source.
    expect((await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '村民建议保留免费泊位。', source: 'village_board' })).json().error.code).toBe('staff_only_fields');
    const off = await editor.request('POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '村民建议在集镇保留免费泊位。', source: 'village_board', sourceNote: '渠沟镇某村公示栏意见箱', name: '李四' });
    expect(off.statusCode, off.body).toBe(201);
    expect(off.json().status).toBe('approved');

    const staffView = (await editor.request('GET', `/api/v1/participation/drafts/${d.id}`)).json();
    expect(staffView.comments.find((c: { id: number }) => c.id === c2.id).flags).toContain('abuse');
    // Moderation: approve the ordinary one; the abusive one and the one with a phone number are held back.
    expect((await editor.request('POST', `/api/v1/participation/comments/${c1.json().id}/moderate`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await editor.request('POST', `/api/v1/participation/comments/${c2.id}/moderate`, { decision: 'reject' })).json().error.code).toBe('reason_required');
    await editor.request('POST', `/api/v1/participation/comments/${c2.id}/moderate`, { decision: 'reject', reason: 'abuse' });
    expect((await editor.request('POST', `/api/v1/participation/comments/${c3.id}/moderate`, { decision: 'approve' })).json().error.code).toBe('personal_data');
    await editor.request('POST', `/api/v1/participation/comments/${c3.id}/moderate`, { decision: 'reject', reason: 'personal_data' });

    // Before the end no adoption can be recorded.
    expect((await editor.request('POST', `/api/v1/participation/comments/${c1.json().id}/adoption`, { adoption: 'adopted', reason: '已采纳' })).json().error.code).toBe('period_not_ended');
    // Time passes: the period ended yesterday (dates moved back, as 31 days would).
    await pdb(t.db).updateTable('comment_drafts').set({ start_on: shiftDate(today, -31), end_on: shiftDate(today, -1) }).where('id', '=', d.id).execute();
    expect((await anon(t, 'POST', `/api/v1/participation/drafts/${d.id}/comments`, { text: '截止后再提意见可以吗？' })).json().error.code).toBe('period_closed');

    expect((await editor.request('POST', `/api/v1/participation/drafts/${d.id}/feedback`)).json().error.code).toBe('adoption_missing');
    await editor.request('POST', `/api/v1/participation/comments/${c1.json().id}/adoption`, { adoption: 'partly', reason: '居民区夜间 20 时至次日 7 时免费，商业区不免费' });
    await editor.request('POST', `/api/v1/participation/comments/${off.json().id}/adoption`, { adoption: 'adopted', reason: '集镇保留不少于 30% 的免费泊位' });
    const fb = await editor.request('POST', `/api/v1/participation/drafts/${d.id}/feedback`);
    expect(fb.statusCode, fb.body).toBe(201);
    const item = fb.json();
    expect(item.kind).toBe('comment_feedback');
    expect(item.bodyHtml).toContain('居民区夜间 20 时至次日 7 时免费');
    expect(item.bodyHtml).toContain('村级公示栏');
    expect(item.bodyHtml).not.toContain('狗官');
    expect(item.bodyHtml).not.toContain('13912345678');
    await editor.request('POST', `/api/v1/items/${item.id}/submit`);
    await first.request('POST', `/api/v1/items/${item.id}/decision`, { decision: 'approve' });
    await final.request('POST', `/api/v1/items/${item.id}/decision`, { decision: 'approve' });
    expect((await final.request('POST', `/api/v1/items/${item.id}/publish`, {})).statusCode).toBe(200);

    // The final policy, from the policy library, linked to the draft.
    const pol = await editor.request('POST', '/api/v1/items', { kind: 'notice', unitId: unit, title: '不是政策' });
    expect((await editor.request('POST', `/api/v1/participation/drafts/${d.id}/policy`, { policyItemId: pol.json().id })).json().error.code).toBe('not_a_policy');
    const policy = await editor.request('POST', '/api/v1/policies', {
      unitId: unit, title: '城区停车管理办法', issuerUnitIds: [unit], policyKind: '行政规范性文件', requiresInterpretation: false,
      commentUrl: `https://www.example.gov.cn/interact/drafts/${d.id}`, commentStart: shiftDate(today, -31), commentEnd: shiftDate(today, -1),
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const linked = await editor.request('POST', `/api/v1/participation/drafts/${d.id}/policy`, { policyItemId: policy.json().id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().policy_item_id).toBe(policy.json().id);

    // Public pages: only moderated comments; the feedback report linked from the draft.
    const page = await t.server.inject(`/interact/drafts/${d.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('建议对居民区夜间停车免费。');
    expect(page.body).toContain('村级公示栏');
    expect(page.body).not.toContain('狗官');
    expect(page.body).not.toContain('13912345678');
    expect(page.body).toContain(`/interact/drafts/feedback/${item.id}`);
    const fbPage = await t.server.inject(`/interact/drafts/feedback/${item.id}`);
    expect(fbPage.statusCode).toBe(200);
    expect(fbPage.body).toContain('部分采纳');
    expect(fbPage.body).toContain(`/interact/drafts/${d.id}`);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'participation.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['participation.comment.reject', 'participation.comment.adoption', 'participation.draft.open']));
  });
});
