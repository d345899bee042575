import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import type { Actor } from '../actor.js';
import { ACTIONS, unitScope, type Action } from '../auth/roles.js';
import { badRequest, notFound } from '../errors.js';
import type { NotificationTables } from './tables.js';

/**
 * In-app notifications (站内提醒): a row per message, addressed to one account or to the holders
 * of a permission on a unit, so that whoever holds the role when they sign in sees it — nobody
 * has to be listed by name, and a newly appointed officer sees the unit's open reminders too.
 */
export type Recipient = { userId: number } | { unitId: number | null; permission: Action };

export interface NotifyInput {
  to: Recipient;
  title: string;
  body?: string;
  /** back-office route the message points to, e.g. `/foi?id=12` */
  link?: string;
  /** at most one notification per key: a repeated call with the same key does nothing */
  dedupeKey?: string;
}

export interface Notification {
  id: number;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  read: boolean;
}

const ndb = (db: Db) => db.kysely.withTables<NotificationTables>();

/**
 * Send a notification. Joins the caller's transaction when `db` is one (`inTransaction`).
 * Returns false when a notification with the same `dedupeKey` already exists.
 */
export async function notify(db: Db, n: NotifyInput): Promise<boolean> {
  if (!n.title.trim()) throw badRequest('title_required', '提醒标题不能为空');
  if (n.link && !n.link.startsWith('/')) throw badRequest('invalid_link', '提醒链接应为站内路径');
  const to = 'userId' in n.to ? { user_id: n.to.userId, unit_id: null, permission: null } : { user_id: null, unit_id: n.to.unitId, permission: n.to.permission };
  const r = await ndb(db).insertInto('notifications')
    .values({ ...to, title: n.title.slice(0, 200), body: (n.body ?? '').slice(0, 2000), link: n.link ?? '', dedupe_key: n.dedupeKey ?? null, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Notifications addressed to the actor: their own, and those for a permission they hold on the unit. */
function addressedTo(actor: Actor) {
  return (eb: ExpressionBuilder<NotificationTables, 'notifications'>) => {
    const terms = [eb('notifications.user_id', '=', actor.userId ?? -1)];
    for (const a of ACTIONS) {
      const s = unitScope(actor, a);
      if (s.all) terms.push(eb('notifications.permission', '=', a));
      else if (s.unitIds.length) terms.push(eb.and([eb('notifications.permission', '=', a), eb('notifications.unit_id', 'in', s.unitIds)]));
    }
    return eb.or(terms);
  };
}

function userOf(actor: Actor): number {
  if (actor.kind !== 'user' || actor.userId === null) throw badRequest('not_a_person', '只有登录用户有站内提醒');
  return actor.userId;
}

/** The actor's newest notifications (at most `limit`) and how many are unread. */
export async function listNotifications(db: Db, actor: Actor, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<{ items: Notification[]; unread: number }> {
  const userId = userOf(actor);
  const base = ndb(db).selectFrom('notifications')
    .leftJoin('notification_reads as r', (j) => j.onRef('r.notification_id', '=', 'notifications.id').on('r.user_id', '=', userId))
    .where(addressedTo(actor));
  let q = base.select(['notifications.id', 'notifications.title', 'notifications.body', 'notifications.link', 'notifications.created_at', 'r.read_at']);
  if (opts.unreadOnly) q = q.where('r.read_at', 'is', null);
  const [rows, unread] = await Promise.all([
    q.orderBy('notifications.id', 'desc').limit(Math.min(opts.limit ?? 50, 200)).execute(),
    base.where('r.read_at', 'is', null).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, read: r.read_at !== null })),
    unread: Number(unread.n),
  };
}

/** Mark one notification (addressed to the actor) read; marking it again changes nothing. */
export async function markRead(db: Db, actor: Actor, id: number): Promise<void> {
  const userId = userOf(actor);
  const n = await ndb(db).selectFrom('notifications').select('id').where('id', '=', id).where(addressedTo(actor)).executeTakeFirst();
  if (!n) throw notFound('提醒不存在');
  await ndb(db).insertInto('notification_reads').values({ notification_id: id, user_id: userId, read_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing()).execute();
}

/** Mark everything addressed to the actor read. */
export async function markAllRead(db: Db, actor: Actor): Promise<number> {
  const userId = userOf(actor);
  const unread = await ndb(db).selectFrom('notifications')
    .leftJoin('notification_reads as r', (j) => j.onRef('r.notification_id', '=', 'notifications.id').on('r.user_id', '=', userId))
    .where(addressedTo(actor)).where('r.read_at', 'is', null).select('notifications.id').execute();
  if (!unread.length) return 0;
  const at = new Date().toISOString();
  await ndb(db).insertInto('notification_reads').values(unread.map((n) => ({ notification_id: n.id, user_id: userId, read_at: at })))
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing()).execute();
  return unread.length;
}
