import type { Db } from './db/index.js';
import { systemActor } from './actor.js';
import { creditCodeCheckChar } from './checks.js';
import { createUnit } from './units/units.js';
import { createUser } from './auth/users.js';
import { generatePassword } from './auth/passwords.js';
import { seedDemoDistrict } from './demo.js';

/**
 * First start: a district (demo or a placeholder to rename) and the first administrator.
 * There is no default password: it comes from GONGKAI_ADMIN_PASSWORD or is generated and
 * printed once.
 */
export async function bootstrap(
  db: Db,
  opts: { demo: boolean; adminPassword?: string; print?: (line: string) => void },
): Promise<{ createdAdmin: boolean; generatedPassword?: string }> {
  const print = opts.print ?? ((l) => console.log(l));
  const system = systemActor();
  const anyUnit = await db.kysely.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (!anyUnit) {
    if (opts.demo) await seedDemoDistrict(db);
    else {
      await createUnit(db, system, {
        name: '区人民政府（请在后台修改名称和信用代码）', shortName: '区政府', kind: 'government',
        creditCode: `11000000MB0000000`.replace(/^(.{17})$/, (s) => s + creditCodeCheckChar(s)),
        docCodePrefix: '', contactPhone: '', contactAddress: '', contactEmail: '', parentId: null, active: true, sortOrder: 0,
      });
    }
  }
  const anyUser = await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { createdAdmin: false };

  const office =
    (await db.kysely.selectFrom('units').select('id').where('kind', '=', 'office').orderBy('id').executeTakeFirst()) ??
    (await db.kysely.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow());
  const password = opts.adminPassword ?? generatePassword();
  await createUser(db, system, { username: 'admin', displayName: '系统管理员', unitId: office.id, password, roles: [{ role: 'admin', unitId: null }] });
  if (!opts.adminPassword) {
    print('');
    print('================================================================');
    print(' 首次启动：已创建系统管理员 admin');
    print(` First start: created administrator "admin" with password: ${password}`);
    print(' This password is shown only once. Set GONGKAI_ADMIN_PASSWORD to choose it.');
    print('================================================================');
    print('');
    return { createdAdmin: true, generatedPassword: password };
  }
  return { createdAdmin: true };
}
