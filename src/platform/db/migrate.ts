import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Db, DialectName } from './index.js';
import { migrations } from '../../migrations/index.js';

/**
 * A numbered migration. `up` receives the dialect so that the few type differences
 * (auto-increment ids) are decided in one helper, not by separate migration files.
 */
export interface GongkaiMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

class ListProvider implements MigrationProvider {
  constructor(
    private readonly list: GongkaiMigration[],
    private readonly dialect: DialectName,
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of this.list) out[m.name] = { up: (db) => m.up(db, this.dialect) };
    return out;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: new ListProvider(migrations, db.dialect),
    migrationTableName: 'gongkai_migrations',
    migrationLockTableName: 'gongkai_migrations_lock',
    // Modules are developed in parallel: a database may already have 0008 when 0006 lands.
    // Migrations only ever add their own tables, so applying a late lower number is safe.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
