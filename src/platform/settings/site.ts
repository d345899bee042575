import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/index.js';
import type { Actor } from '../actor.js';
import { withAudit } from '../audit/audit.js';
import { authorize } from '../auth/roles.js';
import type { AppContext } from '../http/context.js';
import { requireActor } from '../http/context.js';

/** Page identity shown in every portal footer (政府网站发展指引, 国办发〔2017〕47号). */
export const SiteSettingsSchema = z.object({
  siteName: z.string().trim().min(1).max(60),
  hostUnit: z.string().trim().max(60),
  siteCode: z.union([z.literal(''), z.string().regex(/^\d{6}[0-9A-Z]{4}$/, '网站标识码应为 10 位：6 位行政区划代码加 4 位')]),
  icp: z.string().trim().max(60),
  psb: z.string().trim().max(60),
  contactPhone: z.string().trim().max(40),
  contactEmail: z.string().trim().max(80),
  address: z.string().trim().max(120),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const DEFAULT_SITE: SiteSettings = {
  siteName: '政务公开平台',
  hostUnit: '',
  siteCode: '',
  icp: '',
  psb: '',
  contactPhone: '',
  contactEmail: '',
  address: '',
};

const KEY = 'site';

export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  const row = await db.kysely.selectFrom('settings').select('value_json').where('key', '=', KEY).executeTakeFirst();
  return row ? { ...DEFAULT_SITE, ...(JSON.parse(row.value_json) as Partial<SiteSettings>) } : DEFAULT_SITE;
}

export async function saveSiteSettings(db: Db, actor: Actor, value: SiteSettings): Promise<SiteSettings> {
  authorize(actor, 'settings.manage');
  const before = await getSiteSettings(db);
  await withAudit(db, actor, async (trx, audit) => {
    const now = new Date().toISOString();
    const json = JSON.stringify(value);
    await trx.insertInto('settings').values({ key: KEY, value_json: json, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: json, updated_at: now })).execute();
    await audit({ action: 'settings.site', entityType: 'settings', entityId: KEY, summary: '修改网站标识设置', before, after: value });
  });
  return value;
}

export const siteSettingsRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/settings/site', { config: { access: 'public' }, schema: { tags: ['settings'], summary: '网站标识（页脚）', response: { 200: SiteSettingsSchema } } }, async () => getSiteSettings(db));
    app.put(
      '/settings/site',
      { config: { access: 'user' }, schema: { tags: ['settings'], summary: '修改网站标识（系统管理员）', body: SiteSettingsSchema, response: { 200: SiteSettingsSchema } } },
      async (req) => saveSiteSettings(db, requireActor(req), req.body),
    );
  };
