import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { naturalPerson, PERSON_ID, userWith } from './test-support.js';

// 依申请公开转主动公开 (条例第四十四条) through the publishing pipeline.
let t: TestApp;
let unitA: number;
let officerA: Client;
let officerB: Client;
const reviewers: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
  const unitB = await unitIdByShortName(t.db, '渠沟镇');
  officerA = await userWith(t, 'pub_foi_a', unitA, [{ role: 'foi_officer', unitId: unitA }]);
  officerB = await userWith(t, 'pub_foi_b', unitB, [{ role: 'foi_officer', unitId: unitB }]);
  for (const role of ['reviewer_first', 'reviewer_second', 'confidentiality', 'reviewer_final']) reviewers[role] = await userWith(t, `pub_${role}`, unitA, [{ role, unitId: unitA }]);
});
afterAll(async () => t.close());

/** A registered application taken to a delivered reply with the given outcome. */
async function replied(outcome: string, note = ''): Promise<number> {
  const id = (await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2025-03-03', description: '申请公开2024年全区中小学校舍维修资金分配情况' }))).json().id as number;
  const step = async (path: string, body: unknown) => {
    const r = await officerA.request('POST', `/api/v1/foi/applications/${id}/${path}`, body);
    expect(r.statusCode, r.body).toBe(200);
  };
  await step('decide', { outcome, decidedOn: '2025-03-10', note });
  const text = (await officerA.request('GET', `/api/v1/foi/applications/${id}/reply-template`)).json().text as string;
  await step('reply', { text: `${text}\n\n附：2024年校舍维修资金共计 320 万元，分配至 12 所学校，明细见下表。`, repliedOn: '2025-03-11' });
  await step('deliver', { method: 'post', deliveredOn: '2025-03-12', note: '' });
  return id;
}

const contentCount = async () => Number((await t.db.kysely.selectFrom('content_items' as never).select((e) => e.fn.countAll().as('n')).where('kind' as never, '=', 'foi_disclosure' as never).executeTakeFirstOrThrow() as { n: unknown }).n);

describe('publishing what a reply makes public', () => {
  it('proposes a text without the applicant, drafts a foi_disclosure item into the unit’s review chain, and shows its state on the application', async () => {
    const id = await replied('granted', '相关信息见附件');
    const proposal = (await officerA.request('GET', `/api/v1/foi/applications/${id}/publication-proposal`)).json();
    expect(proposal.title).toContain('依申请公开转主动公开');
    expect(proposal.text).toContain('320 万元');
    expect(proposal.text).toContain('第三十六条');
    expect(proposal.text).not.toContain('张三');
    expect(proposal.text).not.toContain('行政复议');
    expect(proposal.columnIds.length).toBe(1);

    const r = await officerA.request('POST', `/api/v1/foi/applications/${id}/publish`, proposal);
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a.publication).toMatchObject({ status: 'in_review', statusLabel: '审核中', indexNo: null, url: `/items/${a.publication.itemId}` });
    expect(a.events.at(-1)).toMatchObject({ kind: 'publish_proposal', data: { itemId: a.publication.itemId } });
    // The pipeline's item: the text in its body (what the personal-data gate before 终审 reads), in the unit's column.
    const item = (await reviewers.reviewer_first!.request('GET', `/api/v1/items/${a.publication.itemId}`)).json();
    expect(item).toMatchObject({ kind: 'foi_disclosure', unitId: unitA, status: 'in_review', stage: 'first', needsConfidentiality: true, columnIds: proposal.columnIds });
    expect(item.chain).toEqual(['first', 'second', 'confidentiality', 'final']);
    expect(item.bodyHtml).toContain('320 万元');
    expect((await officerA.request('POST', `/api/v1/foi/applications/${id}/publish`, proposal)).json().error.code).toBe('publication_exists');

    // Reviewers publish it; the application shows the published item and the officers are told.
    for (const role of ['reviewer_first', 'reviewer_second', 'confidentiality', 'reviewer_final']) {
      const d = await reviewers[role]!.request('POST', `/api/v1/items/${item.id}/decision`, { decision: 'approve' });
      expect(d.statusCode, d.body).toBe(200);
    }
    expect((await reviewers.reviewer_final!.request('POST', `/api/v1/items/${item.id}/publish`, {})).statusCode).toBe(200);
    const after = (await officerA.request('GET', `/api/v1/foi/applications/${id}`)).json();
    expect(after.publication).toMatchObject({ status: 'published', statusLabel: '已发布' });
    expect(after.publication.indexNo).toMatch(/\/\d{6}-\d{5}$/);
    const page = await t.server.inject({ method: 'GET', url: after.publication.url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('320 万元');
    expect(page.body).not.toContain('张三');
    const inbox = (await officerA.request('GET', '/api/v1/notifications')).json();
    expect(inbox.items.some((n: { title: string; link: string }) => n.title.includes('已主动公开') && n.link === `/foi?id=${id}`)).toBe(true);

    const audit = (await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_type', '=', 'foi_application').where('entity_id', '=', String(id)).execute());
    expect(audit.find((x) => x.action === 'foi.publish_proposal')?.actor_name).toContain('pub_foi_a');
  });

  it('refuses text carrying the applicant’s name, ID number or phone — and saves nothing', async () => {
    const id = await replied('partial', '涉及个人隐私的部分不予公开');
    const before = await contentCount();
    for (const text of [`张三申请的信息如下：校舍维修资金 320 万元。`, `申请人证件号 ${PERSON_ID}，校舍维修资金 320 万元。`, `联系电话 13800000000，校舍维修资金 320 万元。`]) {
      const r = await officerA.request('POST', `/api/v1/foi/applications/${id}/publish`, { title: '校舍维修资金分配情况', text });
      expect(r.statusCode, text).toBe(400);
      expect(r.json().error.code).toBe('personal_data_found');
    }
    expect(await contentCount()).toBe(before);
    expect((await officerA.request('GET', `/api/v1/foi/applications/${id}`)).json().publication).toBeNull();
  });

  it('only for replies that disclose information, only by the unit’s officers', async () => {
    const withheld = await replied('withheld_process', '属于内部研究过程中的讨论稿');
    expect((await officerA.request('POST', `/api/v1/foi/applications/${withheld}/publish`, { title: '某某信息', text: '这是一段足够长的拟公开内容文本。' })).json().error.code).toBe('nothing_disclosed');
    const granted = await replied('granted', '相关信息见附件');
    expect((await officerB.request('POST', `/api/v1/foi/applications/${granted}/publish`, { title: '某某信息', text: '这是一段足够长的拟公开内容文本。' })).statusCode).toBe(404);
    const fresh = (await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2025-03-03' }))).json().id;
    expect((await officerA.request('POST', `/api/v1/foi/applications/${fresh}/publish`, { title: '某某信息', text: '这是一段足够长的拟公开内容文本。' })).json().error.code).toBe('invalid_state');
  });
});
