import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { isIsoDate } from '../../platform/checks.js';
import { oncePerKey, saveReceipt } from '../consult/index.js';
import { registrationStatus } from './rules.js';
import { pdb, type MeetingApplicationsTable, type OpenDayRegistrationsTable, type OpenDaysTable, type OpenMeetingsTable, type ParticipationTables } from './tables.js';

/**
 * 列席会议 (public attendance of government executive meetings: announcement, applications
 * with a limit, selection, attendee list and their opinions) and 政府开放日 (capacity,
 * registration with waiting list, check-in, photos and summary published afterwards).
 */
export type MeetingRow = Selectable<OpenMeetingsTable>;
export type ApplicationRow = Selectable<MeetingApplicationsTable>;
export type OpenDayRow = Selectable<OpenDaysTable>;
export type RegistrationRow = Selectable<OpenDayRegistrationsTable>;
const citizen: Actor = { kind: 'system', userId: null, username: 'portal', displayName: '公众（网站）', unitId: null, grants: [] };
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const MAX_APPLICATIONS_PER_PHONE = 1;

export interface MeetingInput { unitId: number; title: string; meetingAt: string; location: string; topics: string; announcement: string; applyEndOn: string; seats: number }

export async function createMeeting(db: Db, actor: Actor, m: MeetingInput): Promise<MeetingRow> {
  authorize(actor, 'participation.manage', m.unitId);
  if (!isIsoDate(m.applyEndOn) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(m.meetingAt)) throw badRequest('invalid_date', '请填写有效的会议时间和报名截止日期');
  if (m.applyEndOn > m.meetingAt.slice(0, 10)) throw badRequest('apply_after_meeting', '报名截止日期应早于会议日期');
  if (!Number.isInteger(m.seats) || m.seats < 1 || m.seats > 50) throw badRequest('invalid_seats', '列席名额应为 1 至 50 人');
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const now = new Date().toISOString();
    const r = await trx0.withTables<ParticipationTables>().insertInto('open_meetings').values({ unit_id: m.unitId, title: m.title.trim(), meeting_at: m.meetingAt, location: m.location.trim(), topics: m.topics.trim(), announcement: m.announcement.trim(), apply_end_on: m.applyEndOn, seats: m.seats, status: 'announced', record: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'participation.meeting.announce', entityType: 'open_meeting', entityId: r.id, unitId: m.unitId, summary: `发布列席会议公告「${m.title}」（名额 ${m.seats} 人）` });
    return r.id;
  });
  return loadMeeting(db, id);
}

export async function loadMeeting(db: Db, id: number): Promise<MeetingRow> {
  const r = await pdb(db).selectFrom('open_meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('会议不存在');
  return r;
}

export async function applyToAttend(db: Db, meetingId: number, a: { name: string; phone: string; identity: string; reason: string; idempotencyKey?: string }): Promise<{ id: number; replayed: boolean }> {
  const m = await loadMeeting(db, meetingId);
  if (m.status !== 'announced' || chinaToday() > m.apply_end_on) throw conflict('applications_closed', '报名已截止');
  if (a.name.trim().length < 2) throw badRequest('name_required', '请填写姓名');
  if (!PHONE.test(a.phone.trim())) throw badRequest('invalid_phone', '请填写正确的联系电话');
  if (a.reason.trim().length < 5) throw badRequest('reason_required', '请简要说明申请列席的理由（至少 5 个字）');
  return oncePerKey(db, 'meeting_application', a.idempotencyKey, async () => {
    const same = await pdb(db).selectFrom('meeting_applications').select('id').where('meeting_id', '=', meetingId).where('phone', '=', a.phone.trim()).execute();
    if (same.length >= MAX_APPLICATIONS_PER_PHONE) throw conflict('already_applied', '该电话号码已报名本次会议');
    return withAudit(db, citizen, async (trx0, audit) => {
      const r = await trx0.withTables<ParticipationTables>().insertInto('meeting_applications').values({ meeting_id: meetingId, name: a.name.trim(), phone: a.phone.trim(), identity: a.identity.trim().slice(0, 100), reason: a.reason.trim().slice(0, 1000), status: 'applied', attended: 0, opinion: '', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
      await saveReceipt(trx0, 'meeting_application', a.idempotencyKey, r.id, { id: r.id });
      await audit({ action: 'participation.meeting.apply', entityType: 'open_meeting', entityId: meetingId, unitId: m.unit_id, summary: `收到列席申请（会议「${m.title}」）` });
      return { id: r.id };
    });
  });
}

/** 遴选: choose attendees within the seats; the rest are told they were not selected. */
export async function selectAttendees(db: Db, actor: Actor, meetingId: number, applicationIds: number[]): Promise<void> {
  const m = await loadMeeting(db, meetingId);
  authorize(actor, 'participation.manage', m.unit_id);
  if (m.status !== 'announced') throw conflict('already_selected', '已完成遴选');
  if (applicationIds.length > m.seats) throw badRequest('too_many_selected', `最多选择 ${m.seats} 人`);
  const apps = await pdb(db).selectFrom('meeting_applications').select('id').where('meeting_id', '=', meetingId).execute();
  const ids = new Set(apps.map((x) => x.id));
  if (applicationIds.some((i) => !ids.has(i))) throw badRequest('invalid_application', '所选申请不属于本次会议');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    await trx.updateTable('meeting_applications').set({ status: 'not_selected' }).where('meeting_id', '=', meetingId).execute();
    if (applicationIds.length) await trx.updateTable('meeting_applications').set({ status: 'selected' }).where('id', 'in', applicationIds).execute();
    await trx.updateTable('open_meetings').set({ status: 'selected', updated_at: new Date().toISOString() }).where('id', '=', meetingId).execute();
    await audit({ action: 'participation.meeting.select', entityType: 'open_meeting', entityId: meetingId, unitId: m.unit_id, summary: `会议「${m.title}」遴选列席人员 ${applicationIds.length} 人（申请 ${apps.length} 人）` });
  });
}

/** After the meeting: who attended, what each said, and the record. */
export async function recordMeeting(db: Db, actor: Actor, meetingId: number, input: { record: string; attendees: Array<{ applicationId: number; attended: boolean; opinion: string }> }): Promise<void> {
  const m = await loadMeeting(db, meetingId);
  authorize(actor, 'participation.manage', m.unit_id);
  if (m.status === 'announced') throw conflict('not_selected', '请先遴选列席人员');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    for (const a of input.attendees) {
      const r = await trx.updateTable('meeting_applications').set({ attended: a.attended ? 1 : 0, opinion: a.opinion.trim() }).where('id', '=', a.applicationId).where('meeting_id', '=', meetingId).where('status', '=', 'selected').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw badRequest('invalid_application', '只能记录入选人员的列席情况');
    }
    await trx.updateTable('open_meetings').set({ status: 'held', record: input.record.trim(), updated_at: new Date().toISOString() }).where('id', '=', meetingId).execute();
    await audit({ action: 'participation.meeting.record', entityType: 'open_meeting', entityId: meetingId, unitId: m.unit_id, summary: `记录会议「${m.title}」列席情况和意见` });
  });
}

export async function applicationsOf(db: Db, meetingId: number): Promise<ApplicationRow[]> {
  return pdb(db).selectFrom('meeting_applications').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
}

// ---------------------------------------------------------------- 政府开放日

export interface OpenDayInput { unitId: number; title: string; theme: string; eventOn: string; location: string; description: string; capacity: number; registerEndOn: string }

export async function createOpenDay(db: Db, actor: Actor, o: OpenDayInput): Promise<OpenDayRow> {
  authorize(actor, 'participation.manage', o.unitId);
  if (!isIsoDate(o.eventOn) || !isIsoDate(o.registerEndOn) || o.registerEndOn > o.eventOn) throw badRequest('invalid_date', '报名截止日期应不晚于活动日期');
  if (!Number.isInteger(o.capacity) || o.capacity < 1 || o.capacity > 1000) throw badRequest('invalid_capacity', '活动人数应为 1 至 1000 人');
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const now = new Date().toISOString();
    const r = await trx0.withTables<ParticipationTables>().insertInto('open_days').values({ unit_id: o.unitId, title: o.title.trim(), theme: o.theme.trim(), event_on: o.eventOn, location: o.location.trim(), description: o.description.trim(), capacity: o.capacity, register_end_on: o.registerEndOn, status: 'open', summary: '', summary_published_at: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'participation.openday.create', entityType: 'open_day', entityId: r.id, unitId: o.unitId, summary: `发布政府开放日「${o.title}」（${o.eventOn}，${o.capacity} 人）` });
    return r.id;
  });
  return loadOpenDay(db, id);
}

export async function loadOpenDay(db: Db, id: number): Promise<OpenDayRow> {
  const r = await pdb(db).selectFrom('open_days').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('活动不存在');
  return r;
}

const regCode = () => randomBytes(4).toString('hex').toUpperCase();

/** Register: confirmed within capacity, otherwise on the waiting list (the count is taken inside the transaction). */
export async function register(db: Db, openDayId: number, r: { name: string; phone: string; idempotencyKey?: string }): Promise<{ id: number; status: string; code: string; position: number; replayed: boolean }> {
  const o = await loadOpenDay(db, openDayId);
  if (o.status !== 'open' || chinaToday() > o.register_end_on) throw conflict('registration_closed', '报名已截止');
  if (r.name.trim().length < 2) throw badRequest('name_required', '请填写姓名');
  if (!PHONE.test(r.phone.trim())) throw badRequest('invalid_phone', '请填写正确的联系电话');
  return oncePerKey(db, 'open_day', r.idempotencyKey, () =>
    withAudit(db, citizen, async (trx0, audit) => {
      const trx = trx0.withTables<ParticipationTables>();
      // Serialize registrations of one event on PostgreSQL (SQLite write transactions already are).
      if (db.dialect === 'postgresql') await trx.selectFrom('open_days').select('id').where('id', '=', openDayId).forUpdate().execute();
      const dup = await trx.selectFrom('open_day_registrations').select('id').where('open_day_id', '=', openDayId).where('phone', '=', r.phone.trim()).where('status', '!=', 'cancelled').executeTakeFirst();
      if (dup) throw conflict('already_registered', '该电话号码已报名本次活动');
      const counts = await trx.selectFrom('open_day_registrations').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('open_day_id', '=', openDayId).groupBy('status').execute();
      const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
      const status = registrationStatus(n('registered'), o.capacity);
      const code = regCode();
      const row = await trx.insertInto('open_day_registrations').values({ open_day_id: openDayId, name: r.name.trim(), phone: r.phone.trim(), code, status, checked_in_at: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
      const result = { id: row.id, status, code, position: status === 'waiting' ? n('waiting') + 1 : n('registered') + 1 };
      await saveReceipt(trx0, 'open_day', r.idempotencyKey, row.id, result);
      await audit({ action: 'participation.openday.register', entityType: 'open_day', entityId: openDayId, unitId: o.unit_id, summary: `开放日「${o.title}」${status === 'registered' ? '报名成功' : '进入候补'}` });
      return result;
    }),
  );
}

/** Cancel (by the registrant's code): the first on the waiting list moves up. */
export async function cancelRegistration(db: Db, openDayId: number, code: string): Promise<{ promoted: number | null }> {
  const o = await loadOpenDay(db, openDayId);
  return withAudit(db, citizen, async (trx0, audit) => {
    const trx = trx0.withTables<ParticipationTables>();
    const reg = await trx.selectFrom('open_day_registrations').selectAll().where('open_day_id', '=', openDayId).where('code', '=', code.trim().toUpperCase()).where('status', '!=', 'cancelled').executeTakeFirst();
    if (!reg) throw notFound('报名不存在');
    await trx.updateTable('open_day_registrations').set({ status: 'cancelled' }).where('id', '=', reg.id).execute();
    let promoted: number | null = null;
    if (reg.status === 'registered') {
      const next = await trx.selectFrom('open_day_registrations').select('id').where('open_day_id', '=', openDayId).where('status', '=', 'waiting').orderBy('id').executeTakeFirst();
      if (next) {
        await trx.updateTable('open_day_registrations').set({ status: 'registered' }).where('id', '=', next.id).execute();
        promoted = next.id;
      }
    }
    await audit({ action: 'participation.openday.cancel', entityType: 'open_day', entityId: openDayId, unitId: o.unit_id, summary: `开放日「${o.title}」取消报名${promoted ? '，候补递补' : ''}` });
    return { promoted };
  });
}

export async function checkIn(db: Db, actor: Actor, openDayId: number, code: string): Promise<RegistrationRow> {
  const o = await loadOpenDay(db, openDayId);
  authorize(actor, 'participation.manage', o.unit_id);
  const k = pdb(db);
  const reg = await k.selectFrom('open_day_registrations').selectAll().where('open_day_id', '=', openDayId).where('code', '=', code.trim().toUpperCase()).executeTakeFirst();
  if (!reg) throw notFound('报名码不正确');
  if (reg.status !== 'registered') throw conflict('not_confirmed', reg.status === 'waiting' ? '该报名仍在候补，未获参加资格' : '该报名已取消');
  if (reg.checked_in_at) throw conflict('already_checked_in', `已于 ${reg.checked_in_at} 签到`);
  await withAudit(db, actor, async (trx0, audit) => {
    await trx0.withTables<ParticipationTables>().updateTable('open_day_registrations').set({ checked_in_at: new Date().toISOString() }).where('id', '=', reg.id).execute();
    await audit({ action: 'participation.openday.checkin', entityType: 'open_day', entityId: openDayId, unitId: o.unit_id, summary: `开放日「${o.title}」签到` });
  });
  return (await k.selectFrom('open_day_registrations').selectAll().where('id', '=', reg.id).executeTakeFirst())!;
}

const IMAGE_MAGIC: Array<[string, number[]]> = [['image/jpeg', [0xff, 0xd8, 0xff]], ['image/png', [0x89, 0x50, 0x4e, 0x47]]];

export async function addPhoto(db: Db, actor: Actor, openDayId: number, p: { caption: string; contentBase64: string }): Promise<number> {
  const o = await loadOpenDay(db, openDayId);
  authorize(actor, 'participation.manage', o.unit_id);
  const buf = Buffer.from(p.contentBase64, 'base64');
  const mime = IMAGE_MAGIC.find(([, sig]) => sig.every((b, i) => buf[i] === b))?.[0];
  if (!mime) throw badRequest('invalid_image', '照片须为 JPEG 或 PNG 图片');
  if (buf.length > 3 * 1024 * 1024) throw badRequest('image_too_large', '照片不超过 3 MB');
  if (!p.caption.trim()) throw badRequest('caption_required', '请填写照片说明（供视障用户读屏）');
  return withAudit(db, actor, async (trx0, audit) => {
    const r = await trx0.withTables<ParticipationTables>().insertInto('open_day_photos').values({ open_day_id: openDayId, caption: p.caption.trim(), mime, content: buf, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'participation.openday.photo', entityType: 'open_day', entityId: openDayId, unitId: o.unit_id, summary: `开放日「${o.title}」上传照片` });
    return r.id;
  });
}

/** After the event: the summary and photos go public. */
export async function publishSummary(db: Db, actor: Actor, openDayId: number, summary: string): Promise<OpenDayRow> {
  const o = await loadOpenDay(db, openDayId);
  authorize(actor, 'participation.manage', o.unit_id);
  if (chinaToday() < o.event_on) throw conflict('not_held', '活动举办后才能发布活动总结');
  if (summary.trim().length < 10) throw badRequest('summary_required', '活动总结至少 10 个字');
  await withAudit(db, actor, async (trx0, audit) => {
    const now = new Date().toISOString();
    await trx0.withTables<ParticipationTables>().updateTable('open_days').set({ status: 'summarized', summary: summary.trim(), summary_published_at: now, updated_at: now }).where('id', '=', openDayId).execute();
    await audit({ action: 'participation.openday.summary', entityType: 'open_day', entityId: openDayId, unitId: o.unit_id, summary: `发布开放日「${o.title}」活动总结` });
  });
  return loadOpenDay(db, openDayId);
}

export async function registrationsOf(db: Db, openDayId: number): Promise<RegistrationRow[]> {
  return pdb(db).selectFrom('open_day_registrations').selectAll().where('open_day_id', '=', openDayId).orderBy('id').execute();
}
