import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createApp } from './platform/app.js';
import { bootstrap } from './platform/bootstrap.js';
import { verifyAuditChain } from './platform/audit/audit.js';
import { removeDemoData } from './platform/demo.js';
import { systemActor } from './platform/actor.js';
import { createUser } from './platform/auth/users.js';
import { generatePassword } from './platform/auth/passwords.js';
import { AppError } from './platform/errors.js';
import { startJobs } from './platform/jobs.js';

const USAGE = `gongkai — 政务公开平台

Usage:
  gongkai serve [--demo] [--port N] [--host H]   start the platform (migrates, creates the first admin)
  gongkai migrate                               apply database migrations
  gongkai user add --username U --unit UNIT_ID --name 姓名 [--role ROLE[@UNIT_ID]]…
                                                create a user; password from GONGKAI_USER_PASSWORD or generated
  gongkai audit verify                          check the audit log's hash chain (exit 1 if broken)
  gongkai demo remove                           remove the demo district
  gongkai scan FILE|FOLDER…                     find personal data (ID, masked ID, mobile, bank card); one JSON per line
  gongkai mask IN.xlsx OUT.xlsx --columns 身份证号,姓名   masked copy of an .xlsx list
  gongkai workplan import FILE --year 2025 [--dry-run]   import the yearly work plan (.txt/.docx/.xlsx)
  gongkai consult import-qa FILE.jsonl[.gz]     load official Q&A into the public knowledge base (政策问答库)

Configuration comes from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, GONGKAI_ADMIN_PASSWORD.`;

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  const config = loadConfig();
  switch (cmd) {
    case 'serve': {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } } });
      if (values.port) config.port = Number(values.port);
      if (values.host) config.host = values.host;
      const app = await createApp(config);
      await bootstrap(app.db, { demo: Boolean(values.demo), adminPassword: config.adminPassword });
      const jobs = startJobs(app.db);
      await app.server.listen({ port: config.port, host: config.host });
      console.log(`gongkai: portal http://${config.host}:${config.port}/  back office http://${config.host}:${config.port}/admin/  (${app.db.dialect})`);
      const stop = async () => {
        jobs.stop();
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'migrate': {
      const db = openDatabase(config.database);
      const done = await migrateToLatest(db);
      console.log(done.length ? `applied: ${done.join(', ')}` : 'database is up to date');
      await db.close();
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const db = openDatabase(config.database);
      await migrateToLatest(db);
      const r = await verifyAuditChain(db.kysely);
      await db.close();
      console.log(JSON.stringify(r));
      return r.ok ? 0 : 1;
    }
    case 'demo': {
      if (sub !== 'remove') break;
      const db = openDatabase(config.database);
      await migrateToLatest(db);
      console.log(JSON.stringify(await removeDemoData(db, systemActor('cli'))));
      await db.close();
      return 0;
    }
    case 'user': {
      if (sub !== 'add') break;
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true } },
      });
      if (!values.username || !values.unit || !values.name) break;
      const roles = (values.role ?? []).map((r) => {
        const [role, unit] = r.split('@');
        return { role: role!, unitId: unit ? Number(unit) : null };
      });
      const given = process.env.GONGKAI_USER_PASSWORD;
      const password = given || generatePassword();
      const db = openDatabase(config.database);
      await migrateToLatest(db);
      const user = await createUser(db, systemActor('cli'), { username: values.username, displayName: values.name, unitId: Number(values.unit), password, roles });
      await db.close();
      console.log(JSON.stringify({ id: user.id, username: user.username, ...(given ? {} : { password }) }));
      return 0;
    }
    case 'scan':
      return (await import('./modules/privacy/cli.js')).runScanCli(argv.slice(1));
    case 'mask':
      return (await import('./modules/privacy/cli.js')).runMaskCli(argv.slice(1));
    case 'workplan':
      return (await import('./modules/workplan/cli.js')).runWorkplanCli(config, argv.slice(1));
    case 'consult':
      return (await import('./modules/consult/cli.js')).runConsultCli(config, argv.slice(1));
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof AppError) console.error(`${err.code}: ${err.message}`);
    else console.error(err);
    process.exit(1);
  },
);
