import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A new, empty PostgreSQL database on the cluster whose admin URL is `adminUrl` (the throwaway
 * cluster `npm test` starts, GONGKAI_TEST_PG), its URL, and how to drop it again. Tests, the
 * migration tests and the benchmark each work in one of their own.
 */
export async function createPgDatabase(adminUrl: string, tag = 'gk'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${tag}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
