import type { Generated } from 'kysely';

/** Row types of the notification tables (mirror src/migrations/0012_notifications_foi.ts). */
export type NotificationsTable = {
  id: Generated<number>;
  /** one account … */
  user_id: number | null;
  /** … or everyone holding `permission` on this unit (null: district-wide holders) */
  unit_id: number | null;
  permission: string | null;
  title: string;
  body: string;
  /** back-office route, e.g. /foi?id=12 */
  link: string;
  dedupe_key: string | null;
  created_at: string;
};

export type NotificationReadsTable = {
  notification_id: number;
  user_id: number;
  read_at: string;
};

export type NotificationTables = {
  notifications: NotificationsTable;
  notification_reads: NotificationReadsTable;
};
