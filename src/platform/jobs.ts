import { Cron } from 'croner';
import { sql } from 'kysely';
import type { Db } from './db/index.js';

/**
 * Scheduled jobs (Asia/Shanghai). With PostgreSQL several instances run the same schedule;
 * a transaction-level advisory lock lets exactly one of them do each run.
 */
export interface JobDefinition {
  name: string;
  /** cron pattern, e.g. '0 2 * * *' */
  schedule: string;
  run(db: Db): Promise<void>;
}

const registry: JobDefinition[] = [
  {
    // Keep the tables that grow with traffic small.
    name: 'prune-sessions-and-attempts',
    schedule: '17 3 * * *',
    async run(db) {
      const now = new Date();
      await db.kysely.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
      await db.kysely.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - 30 * 86400_000).toISOString()).execute();
      await db.kysely.deleteFrom('rate_limits').where('window_start', '<', now.getTime() - 86400_000).execute();
    },
  },
];

export function registerJob(job: JobDefinition): void {
  registry.push(job);
}

/** The registered jobs (for tests: that a module's job is there and does its work). */
export function registeredJobs(): readonly JobDefinition[] {
  return registry;
}

function lockKey(name: string): number {
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

/** Runs the job once, unless another instance holds its lock (then returns false). */
export async function runJobOnce(db: Db, job: JobDefinition): Promise<boolean> {
  if (db.dialect !== 'postgresql') {
    await job.run(db);
    return true;
  }
  return db.kysely.transaction().execute(async (trx) => {
    const r = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${lockKey(`gongkai-job:${job.name}`)}) as locked`.execute(trx);
    if (!r.rows[0]?.locked) return false;
    await job.run(db);
    return true;
  });
}

export function startJobs(db: Db): { stop(): void } {
  const crons = registry.map(
    (job) =>
      new Cron(job.schedule, { timezone: 'Asia/Shanghai', protect: true, name: job.name }, async () => {
        try {
          await runJobOnce(db, job);
        } catch (err) {
          console.error(`job ${job.name} failed`, err);
        }
      }),
  );
  return { stop: () => crons.forEach((c) => c.stop()) };
}
