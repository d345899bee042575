import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { isIsoDate } from '../../platform/checks.js';
import { getUnit } from '../../platform/units/units.js';
import { sniff, storageRoot } from '../publishing/attachments.js';
import { tdb, type TrainingTables } from './tables.js';

/** 培训主题 (topics of task 22: policy interpretation, FOI applications, platform management, …). */
export const TOPICS = ['政策解读', '依申请公开', '平台管理', '政务公开标准化规范化', '基层政务公开', '信息安全与个人信息保护', '其他'] as const;
export const MODES = { onsite: '现场', online: '线上' } as const;

export const SessionInputSchema = z.object({
  title: z.string().trim().min(2, '培训名称至少 2 个字').max(200),
  heldOn: z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD'),
  mode: z.enum(['onsite', 'online']),
  place: z.string().trim().max(300).default(''),
  organiserUnitId: z.number().int().positive(),
  topic: z.enum(TOPICS),
  description: z.string().trim().max(5000).default(''),
}).refine((s) => s.mode === 'online' || s.place.length > 0, { message: '现场培训请填写地点', path: ['place'] });
export type SessionInput = z.infer<typeof SessionInputSchema>;

export const SessionSchema = z.object({
  id: z.number().int(), title: z.string(), heldOn: z.string(), mode: z.enum(['onsite', 'online']), place: z.string(), organiserUnitId: z.number().int(),
  organiserUnitName: z.string(), topic: z.string(), description: z.string(), registered: z.number().int(), signedIn: z.number().int(),
});
export type Session = z.infer<typeof SessionSchema>;
export const MaterialSchema = z.object({ id: z.number().int(), filename: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() });
export const AttendanceSchema = z.object({ userId: z.number().int(), name: z.string(), unitId: z.number().int(), unitName: z.string(), registeredAt: z.string(), signedInAt: z.string().nullable() });
export const SessionDetailSchema = SessionSchema.extend({
  materials: z.array(MaterialSchema),
  attendance: z.array(AttendanceSchema),
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), registered: z.number().int(), signedIn: z.number().int() })),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

const MB = 1024 * 1024;

export async function createSession(db: Db, actor: Actor, input: SessionInput): Promise<SessionDetail> {
  authorize(actor, 'training.manage');
  await getUnit(db, input.organiserUnitId).catch(() => { throw badRequest('unknown_unit', '主办单位不存在'); });
  const now = new Date().toISOString();
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<TrainingTables>();
    const r = await trx.insertInto('training_sessions').values({
      title: input.title, held_on: input.heldOn, mode: input.mode, place: input.place, organiser_unit_id: input.organiserUnitId, topic: input.topic,
      description: input.description, created_by: actor.userId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'training.session.create', entityType: 'training_session', entityId: r.id, unitId: input.organiserUnitId, summary: `登记培训「${input.title}」（${input.heldOn}）`, after: input });
    return r.id;
  });
  return getSession(db, id);
}

/** Sessions, newest first, with the number registered and signed in. Every signed-in user may read them. */
export async function listSessions(db: Db, f: { year?: number; topic?: string; id?: number } = {}): Promise<Session[]> {
  let q = tdb(db).selectFrom('training_sessions as s').innerJoin('units as u', 'u.id', 's.organiser_unit_id')
    .select(['s.id', 's.title', 's.held_on', 's.mode', 's.place', 's.organiser_unit_id', 'u.name as unit_name', 's.topic', 's.description'])
    .select((eb) => [
      eb.selectFrom('training_attendance as a').whereRef('a.session_id', '=', 's.id').select((e) => e.fn.countAll<number>().as('n')).as('registered'),
      eb.selectFrom('training_attendance as a').whereRef('a.session_id', '=', 's.id').where('a.signed_in_at', 'is not', null).select((e) => e.fn.countAll<number>().as('n')).as('signed_in'),
    ]);
  if (f.year) q = q.where('s.held_on', '>=', `${f.year}-01-01`).where('s.held_on', '<=', `${f.year}-12-31`);
  if (f.topic) q = q.where('s.topic', '=', f.topic);
  if (f.id) q = q.where('s.id', '=', f.id);
  const rows = await q.orderBy('s.held_on', 'desc').orderBy('s.id', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id, title: r.title, heldOn: r.held_on, mode: r.mode as Session['mode'], place: r.place, organiserUnitId: r.organiser_unit_id, organiserUnitName: r.unit_name,
    topic: r.topic, description: r.description, registered: Number(r.registered ?? 0), signedIn: Number(r.signed_in ?? 0),
  }));
}

export async function getSession(db: Db, id: number): Promise<SessionDetail> {
  const k = tdb(db);
  const s = (await listSessionsById(db, id));
  if (!s) throw notFound('培训不存在');
  const [materials, attendance] = await Promise.all([
    k.selectFrom('training_materials').select(['id', 'filename', 'mime', 'size', 'created_at']).where('session_id', '=', id).orderBy('id').execute(),
    k.selectFrom('training_attendance as a').innerJoin('users as p', 'p.id', 'a.user_id').innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.user_id', 'p.display_name', 'a.unit_id', 'u.name as unit_name', 'a.registered_at', 'a.signed_in_at']).where('a.session_id', '=', id).orderBy('u.name').orderBy('a.id').execute(),
  ]);
  const byUnit = new Map<number, { unitId: number; unitName: string; registered: number; signedIn: number }>();
  for (const a of attendance) {
    const e = byUnit.get(a.unit_id) ?? { unitId: a.unit_id, unitName: a.unit_name, registered: 0, signedIn: 0 };
    e.registered++;
    if (a.signed_in_at) e.signedIn++;
    byUnit.set(a.unit_id, e);
  }
  return {
    ...s,
    materials: materials.map((m) => ({ id: m.id, filename: m.filename, mime: m.mime, size: m.size, createdAt: m.created_at })),
    attendance: attendance.map((a) => ({ userId: a.user_id, name: a.display_name, unitId: a.unit_id, unitName: a.unit_name, registeredAt: a.registered_at, signedInAt: a.signed_in_at })),
    byUnit: [...byUnit.values()],
  };
}

async function listSessionsById(db: Db, id: number): Promise<Session | undefined> {
  return (await listSessions(db, { id }))[0];
}

/**
 * A training material, accepted by what the bytes are (publishing's `sniff`: PDF, .docx, .xlsx,
 * images, video) and stored like publishing's attachments: under DATA_DIR/files by content hash.
 */
export async function addMaterial(db: Db, dataDir: string, actor: Actor, sessionId: number, file: { filename: string; data: Buffer }) {
  authorize(actor, 'training.manage');
  const s = await getSession(db, sessionId);
  if (file.data.length === 0) throw badRequest('empty_file', '文件为空');
  const kind = sniff(file.data, file.filename);
  if (!kind) throw new AppError(415, 'unsupported_file', '不支持的文件类型：培训材料仅接受 PDF、Word(.docx)、Excel(.xlsx)、图片和视频（MP4/WebM），按文件内容判断');
  if (file.data.length > kind.maxBytes) throw new AppError(413, 'file_too_large', `文件过大：此类文件不超过 ${Math.round(kind.maxBytes / MB)} MB`);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const rel = path.join(sha256.slice(0, 2), `${sha256}.${kind.ext}`);
  const abs = path.join(storageRoot(dataDir), rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  if (!fs.existsSync(abs)) fs.writeFileSync(abs, file.data, { mode: 0o640 });
  const filename = path.basename(file.filename.replace(/\\/g, '/')).replace(/[\0-\x1f<>:"|?*]/g, '_').trim().slice(-120) || 'file';
  const now = new Date().toISOString();
  return withAudit(db, actor, async (trx0, audit) => {
    const r = await trx0.withTables<TrainingTables>().insertInto('training_materials')
      .values({ session_id: sessionId, filename, mime: kind.mime, size: file.data.length, sha256, storage_path: rel, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'training.material.add', entityType: 'training_session', entityId: sessionId, unitId: s.organiserUnitId, summary: `为培训「${s.title}」上传材料 ${filename}` });
    return { id: r.id, filename, mime: kind.mime, size: file.data.length, createdAt: now };
  });
}

/** A material for download (staff only: the routes ask for a signed-in user). */
export async function openMaterial(db: Db, dataDir: string, id: number) {
  const m = await tdb(db).selectFrom('training_materials').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('培训材料不存在');
  const abs = path.join(storageRoot(dataDir), m.storage_path);
  if (!fs.existsSync(abs)) throw notFound('培训材料文件缺失');
  return { filename: m.filename, mime: m.mime, size: m.size, stream: fs.createReadStream(abs) };
}

/** The organiser registers the people expected (参训人员); each is counted under their own unit. */
export async function registerAttendees(db: Db, actor: Actor, sessionId: number, userIds: number[]): Promise<SessionDetail> {
  authorize(actor, 'training.manage');
  const s = await getSession(db, sessionId);
  const ids = [...new Set(userIds)];
  const users = ids.length ? await tdb(db).selectFrom('users').select(['id', 'unit_id']).where('id', 'in', ids).where('active', '=', 1).execute() : [];
  const missing = ids.filter((i) => !users.some((u) => u.id === i));
  if (missing.length) throw badRequest('unknown_user', `用户不存在或已停用：${missing.join('、')}`);
  const known = new Set(s.attendance.map((a) => a.userId));
  const fresh = users.filter((u) => !known.has(u.id));
  if (fresh.length) {
    const now = new Date().toISOString();
    await withAudit(db, actor, async (trx0, audit) => {
      await trx0.withTables<TrainingTables>().insertInto('training_attendance')
        .values(fresh.map((u) => ({ session_id: sessionId, user_id: u.id, unit_id: u.unit_id, registered_at: now, signed_in_at: null })))
        .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing()).execute();
      await audit({ action: 'training.attendance.register', entityType: 'training_session', entityId: sessionId, unitId: s.organiserUnitId, summary: `培训「${s.title}」登记参训人员 ${fresh.length} 名` });
    });
  }
  return getSession(db, sessionId);
}

/** 签到: a signed-in user signs in to a session (registered or not), once; the time is recorded. */
export async function signIn(db: Db, actor: Actor, sessionId: number, now = new Date()): Promise<SessionDetail> {
  if (actor.userId === null || actor.unitId === null) throw badRequest('user_required', '请以本人账号签到');
  const s = await getSession(db, sessionId);
  const at = now.toISOString();
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<TrainingTables>();
    await trx.insertInto('training_attendance').values({ session_id: sessionId, user_id: actor.userId!, unit_id: actor.unitId!, registered_at: at, signed_in_at: at })
      .onConflict((oc) => oc.columns(['session_id', 'user_id']).doUpdateSet({ signed_in_at: at }).where('training_attendance.signed_in_at', 'is', null)).execute();
    await audit({ action: 'training.sign_in', entityType: 'training_session', entityId: sessionId, unitId: actor.unitId, summary: `${actor.displayName} 签到培训「${s.title}」` });
  });
  return getSession(db, sessionId);
}
