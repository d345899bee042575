import type { Db } from '../../platform/db/index.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { getUnit } from '../../platform/units/units.js';
import { clockEvents, findByTracking, foiDb, type AppRow } from './applications.js';
import { replyDueDate } from './clock.js';
import { STATUSES, type Status } from './model.js';
import { outcomeLabel, type Outcome } from './outcomes.js';
import { DOCX_MIME, replyLetterDocx } from './letter.js';

/** What an applicant sees with number + tracking code: progress, and the reply once delivered. */
export interface TrackingView {
  number: string;
  status: Status;
  statusLabel: string;
  unitName: string;
  submittedAt: string;
  receivedOn: string | null;
  dueDate: string | null;
  supplement: { supplyBy: string; items: string } | null;
  outcome: string | null;
  repliedOn: string | null;
  deliveredOn: string | null;
  replyAvailable: boolean;
  /** an online submission turned away before acceptance, and why */
  rejection: { reason: string; on: string } | null;
  files: Array<{ id: number; name: string; size: number }>;
}

const replyVisible = (r: AppRow) => r.status === 'delivered' || r.status === 'archived';

export async function trackingView(db: Db, r: AppRow): Promise<TrackingView> {
  const pauses = await foiDb(db).selectFrom('foi_pauses').selectAll().where('application_id', '=', r.id).execute();
  const clock = replyDueDate(await loadCalendar(db), clockEvents(r, pauses));
  const visible = replyVisible(r);
  const files = visible ? await foiDb(db).selectFrom('foi_files').select(['id', 'name', 'size']).where('application_id', '=', r.id).where('purpose', '=', 'reply').orderBy('id').execute() : [];
  return {
    number: r.number, status: r.status as Status, statusLabel: STATUSES[r.status as Status], unitName: (await getUnit(db, r.unit_id)).name,
    submittedAt: r.submitted_at, receivedOn: r.received_on, dueDate: visible || r.replied_on ? null : clock.dueDate,
    supplement: r.status === 'awaiting_supplement' ? { supplyBy: r.supplement_supply_by!, items: r.supplement_items ?? '' } : null,
    outcome: r.replied_on && r.outcome ? outcomeLabel(r.outcome as Outcome) : null,
    repliedOn: r.replied_on, deliveredOn: r.delivered_on, replyAvailable: visible, files,
    rejection: r.status === 'rejected' && r.rejected_on ? { reason: r.reject_reason ?? '', on: r.rejected_on } : null,
  };
}

export async function track(db: Db, number: string, code: string): Promise<{ row: AppRow; view: TrackingView } | null> {
  const row = await findByTracking(db, number, code);
  return row ? { row, view: await trackingView(db, row) } : null;
}

/** The reply letter as .docx, for staff (any time after the reply) and the applicant (once delivered). */
export async function replyLetter(db: Db, row: AppRow): Promise<{ name: string; mime: string; content: Buffer } | null> {
  if (!row.reply_text || !row.replied_on) return null;
  const unit = await getUnit(db, row.unit_id);
  const content = await replyLetterDocx({ unitName: unit.name, number: row.number, applicant: row.applicant_name, text: row.reply_text, repliedOn: row.replied_on });
  return { name: `${row.number}-答复书.docx`, mime: DOCX_MIME, content };
}

/** The reply letter (or one of its files) for download, only once delivered. */
export async function replyDownload(db: Db, row: AppRow, fileId?: number): Promise<{ name: string; mime: string; content: Buffer } | null> {
  if (!replyVisible(row)) return null;
  if (fileId === undefined) return replyLetter(db, row);
  const f = await foiDb(db).selectFrom('foi_files').selectAll().where('id', '=', fileId).where('application_id', '=', row.id).where('purpose', '=', 'reply').executeTakeFirst();
  return f ? { name: f.name, mime: f.mime, content: Buffer.from(f.content) } : null;
}

/** RFC 5987 Content-Disposition for a Chinese file name. */
export function attachmentHeader(name: string): string {
  return `attachment; filename="download${name.slice(name.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
