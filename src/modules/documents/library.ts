import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { doc, policyFields, type PolicyFieldsOut } from './policies.js';
import { EVENT_LABELS, inForceOn } from './rules.js';
import { publishedUrls } from './lifecycle.js';

/**
 * The public policy library (政策文件库): published policies only, filtered and faceted.
 * A district holds thousands of documents, not millions: metadata is read in one query
 * and filtered here, so facet counts (each computed without its own filter) stay simple
 * and identical on both databases.
 */
export interface LibraryFilter {
  unitId?: number;
  year?: number;
  policyKind?: string;
  topic?: string;
  validity?: string;
  inForceOn?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface DocSummary {
  id: number;
  title: string;
  docNumber: string;
  indexNo: string | null;
  unitId: number;
  issuerUnitIds: number[];
  policyKind: string;
  topic: string;
  validity: string;
  writtenDate: string | null;
  publishedAt: string | null;
  effectiveDate: string | null;
  validUntil: string | null;
  url: string;
}

type Facet = Array<{ value: string; count: number }>;
const ENDING = ['repealed', 'revised', 'expired'];

async function publishedMeta(db: Db): Promise<Array<DocSummary & { endedOn: string | null }>> {
  const d = doc(db);
  const rows = await d.selectFrom('policy_documents').innerJoin('content_items', 'content_items.id', 'policy_documents.item_id')
    .select(['content_items.id', 'title', 'unit_id', 'topic', 'index_no', 'published_at', 'doc_number', 'issuer_unit_ids', 'policy_kind', 'validity', 'written_date', 'effective_date', 'valid_until'])
    .where('status', '=', 'published').orderBy('published_at', 'desc').orderBy('content_items.id', 'desc').execute();
  const ends = rows.length
    ? await d.selectFrom('policy_events').select(['policy_id', (eb) => eb.fn.min('on_date').as('ended')]).where('kind', 'in', ENDING).groupBy('policy_id').execute()
    : [];
  const endedBy = new Map(ends.map((e) => [e.policy_id, String(e.ended)]));
  return rows.map((r) => ({
    id: r.id, title: r.title, docNumber: r.doc_number, indexNo: r.index_no, unitId: r.unit_id, issuerUnitIds: JSON.parse(r.issuer_unit_ids) as number[],
    policyKind: r.policy_kind, topic: r.topic, validity: r.validity, writtenDate: r.written_date, publishedAt: r.published_at,
    effectiveDate: r.effective_date, validUntil: r.valid_until, url: `/policies/${r.id}`, endedOn: endedBy.get(r.id) ?? null,
  }));
}

const yearOf = (d: DocSummary) => (d.writtenDate ?? d.publishedAt ?? '').slice(0, 4);

export async function listLibrary(db: Db, f: LibraryFilter) {
  const all = await publishedMeta(db);
  const tests: Record<string, (d: (typeof all)[number]) => boolean> = {
    unit: (d) => !f.unitId || d.issuerUnitIds.includes(f.unitId),
    year: (d) => !f.year || yearOf(d) === String(f.year),
    policyKind: (d) => !f.policyKind || d.policyKind === f.policyKind,
    topic: (d) => !f.topic || d.topic === f.topic,
    validity: (d) => !f.validity || d.validity === f.validity,
    inForce: (d) => !f.inForceOn || inForceOn({ effectiveDate: d.effectiveDate, publishedOn: d.publishedAt?.slice(0, 10) ?? null, validUntil: d.validUntil, endedOn: d.endedOn }, f.inForceOn),
    q: (d) => !f.q || d.title.includes(f.q) || d.docNumber.includes(f.q),
  };
  const passes = (d: (typeof all)[number], except?: string) => Object.entries(tests).every(([k, t]) => k === except || t(d));
  const facet = (key: string, values: (d: (typeof all)[number]) => string[]): Facet => {
    const counts = new Map<string, number>();
    for (const d of all) if (passes(d, key)) for (const v of values(d)) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  const matched = all.filter((d) => passes(d));
  const facets = {
    unit: facet('unit', (d) => d.issuerUnitIds.map(String)),
    year: facet('year', (d) => [yearOf(d)]).sort((a, b) => b.value.localeCompare(a.value)),
    policyKind: facet('policyKind', (d) => [d.policyKind]),
    topic: facet('topic', (d) => [d.topic]),
    validity: facet('validity', (d) => [d.validity]),
  };
  const page = matched.slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map(({ endedOn: _e, ...d }) => d);
  return { items: page, total: matched.length, facets };
}

export interface PublicDocument {
  id: number;
  kind: string;
  status: 'published' | 'withdrawn';
  title: string;
  unitId: number;
  indexNo: string | null;
  topic: string;
  keywords: string;
  summary: string;
  bodyHtml: string;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  policy: PolicyFieldsOut | null;
  interpretation: { form: string; policies: Array<{ id: number; title: string; url: string }> } | null;
  interpretations: Array<{ id: number; title: string; form: string; url: string; publishedAt: string | null }>;
  attachments: Array<{ id: number; filename: string; mime: string; size: number; role: string; url: string }>;
  timeline: Array<{ kind: string; label: string; onDate: string; note: string; relatedUrl: string | null }>;
  related: Array<{ id: number; title: string; url: string; relation: string }>;
}

/** A document as the public sees it: published, or a withdrawn stub with the reason; anything else is 404. */
export async function getPublicDocument(db: Db, id: number): Promise<PublicDocument> {
  const d = doc(db);
  const item = await d.selectFrom('content_items').selectAll().where('id', '=', id).where('status', 'in', ['published', 'withdrawn']).executeTakeFirst();
  if (!item || !['policy', 'interpretation', 'notice'].includes(item.kind)) throw notFound('文件不存在');
  const withdrawn = item.status === 'withdrawn';
  const base: PublicDocument = {
    id: item.id, kind: item.kind, status: withdrawn ? 'withdrawn' : 'published', title: item.title, unitId: item.unit_id, indexNo: item.index_no,
    topic: item.topic, keywords: item.keywords, summary: withdrawn ? '' : item.summary, bodyHtml: withdrawn ? '' : item.body_html,
    publishedAt: item.published_at, withdrawnAt: item.withdrawn_at, withdrawReason: item.withdraw_reason,
    policy: null, interpretation: null, interpretations: [], attachments: [], timeline: [], related: [],
  };
  if (withdrawn) return base;
  base.attachments = (await d.selectFrom('attachments').select(['id', 'filename', 'mime', 'size', 'role']).where('item_id', '=', id).orderBy('id').execute())
    .map((a) => ({ ...a, url: `/files/${a.id}/${encodeURIComponent(a.filename)}` }));
  if (item.kind === 'policy') {
    base.policy = await policyFields(d, id);
    base.interpretations = (await d.selectFrom('interpretation_policies').innerJoin('content_items as i', 'i.id', 'interpretation_policies.interpretation_id')
      .innerJoin('interpretations', 'interpretations.item_id', 'i.id')
      .select(['i.id', 'i.title', 'interpretations.form', 'i.published_at']).where('policy_id', '=', id).where('i.status', '=', 'published').orderBy('i.published_at').execute())
      .map((r) => ({ id: r.id, title: r.title, form: r.form, url: `/interpretations/${r.id}`, publishedAt: r.published_at }));
    const events = await d.selectFrom('policy_events').selectAll().where('policy_id', '=', id).orderBy('on_date').orderBy('id').execute();
    // Linked items (interpretation, revision, evaluation report) by their own kind's address, once published.
    const urls = await publishedUrls(d, events.map((e) => e.related_item_id).filter((x): x is number => x !== null));
    base.timeline = events.map((e) => ({
      kind: e.kind, label: EVENT_LABELS[e.kind] ?? e.kind, onDate: e.on_date, note: e.note,
      relatedUrl: e.related_item_id ? (urls.get(e.related_item_id) ?? null) : null,
    }));
    const rel: PublicDocument['related'] = [];
    if (base.policy?.replacesItemId) {
      const old = await d.selectFrom('content_items').select(['id', 'title']).where('id', '=', base.policy.replacesItemId).where('status', '=', 'published').executeTakeFirst();
      if (old) rel.push({ ...old, url: `/policies/${old.id}`, relation: '本文件修订了' });
    }
    const newer = await d.selectFrom('policy_documents').innerJoin('content_items', 'content_items.id', 'policy_documents.item_id')
      .select(['content_items.id', 'title']).where('replaces_item_id', '=', id).where('status', '=', 'published').execute();
    for (const n of newer) rel.push({ ...n, url: `/policies/${n.id}`, relation: '本文件已被修订为' });
    base.related = rel;
  }
  if (item.kind === 'interpretation') {
    const form = await d.selectFrom('interpretations').select('form').where('item_id', '=', id).executeTakeFirst();
    const policies = await d.selectFrom('interpretation_policies').innerJoin('content_items as p', 'p.id', 'interpretation_policies.policy_id')
      .select(['p.id', 'p.title']).where('interpretation_id', '=', id).where('p.status', '=', 'published').execute();
    base.interpretation = { form: form?.form ?? '文字', policies: policies.map((p) => ({ ...p, url: `/policies/${p.id}` })) };
  }
  return base;
}

/** For the patrol: published policies still shown 有效 past 有效期至, and those missing their interpretation. */
export async function policyHealth(db: Db, today: string) {
  const d = doc(db);
  const rows = await d.selectFrom('policy_documents').innerJoin('content_items', 'content_items.id', 'policy_documents.item_id')
    .select(['content_items.id', 'title', 'unit_id', 'validity', 'valid_until', 'requires_interpretation', 'interpretation_waiver', 'published_at'])
    .where('status', '=', 'published').execute();
  const interpreted = new Set(
    (await d.selectFrom('interpretation_policies').innerJoin('content_items as i', 'i.id', 'interpretation_policies.interpretation_id')
      .select('policy_id').where('i.status', '=', 'published').execute()).map((r) => r.policy_id),
  );
  return {
    expiredButValid: rows.filter((r) => r.validity === '有效' && r.valid_until !== null && r.valid_until < today)
      .map((r) => ({ id: r.id, title: r.title, unitId: r.unit_id, validUntil: r.valid_until! })),
    missingInterpretation: rows.filter((r) => r.requires_interpretation === 1 && !r.interpretation_waiver && !interpreted.has(r.id))
      .map((r) => ({ id: r.id, title: r.title, unitId: r.unit_id, publishedAt: r.published_at })),
  };
}
