import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, login, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const get = (url: string, cookie?: string) => t.server.inject({ method: 'GET', url, ...(cookie && { headers: { cookie } }) });

describe('portal shell', () => {
  it('serves every navigation page as zh-CN HTML without scripts', async () => {
    for (const url of ['/', '/xxgk/', '/xxgk/guide', '/xxgk/rules', '/xxgk/statutory', '/xxgk/annual-reports', '/xxgk/apply', '/policies/', '/interact/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body, url).toContain('<html lang="zh-CN">');
      expect(res.body, url).not.toContain('<script');
      for (const label of ['公开指南', '公开制度', '法定主动公开内容', '公开年报', '依申请公开', '政策文件库', '互动交流']) expect(res.body).toContain(label);
    }
  });

  it('lists every unit with its contact in the guide', async () => {
    const res = await get('/xxgk/guide');
    expect(res.body).toContain('相山区教育局');
    expect(res.body).toContain('0561-3000019');
  });

  it('shows the configured page identity in the footer, escaped', async () => {
    const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
    const r = await admin.request('PUT', '/api/v1/settings/site', {
      siteName: '相山区人民政府', hostUnit: '相山区人民政府办公室<script>alert(1)</script>', siteCode: '3406030001',
      icp: '皖ICP备00000000号', psb: '皖公网安备 34060302000000号', contactPhone: '0561-3000001', contactEmail: '', address: '淮北市相山区',
    });
    expect(r.statusCode).toBe(200);
    const res = await get('/');
    for (const s of ['党政机关', '3406030001', '皖ICP备00000000号', '皖公网安备 34060302000000号', '我为政府网站找错', '0561-3000001']) expect(res.body).toContain(s);
    expect(res.body).toContain('相山区人民政府办公室&lt;script>');
    expect(res.body).not.toContain('<script>alert(1)</script>');
  });

  it('large-font and high-contrast modes work with plain links and a cookie', async () => {
    const set = await get('/prefs?font=large&contrast=high&back=%2Fxxgk%2Fguide');
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/xxgk/guide');
    const cookie = set.cookies.find((c) => c.name === 'gk_prefs')!;
    const page = await get('/xxgk/guide', `gk_prefs=${cookie.value}`);
    expect(page.body).toMatch(/<body class="large-font high-contrast">/);
    expect(page.body).toContain('标准字体');
  });

  it('never redirects off-site', async () => {
    for (const back of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const res = await get(`/prefs?font=large&back=${encodeURIComponent(back)}`);
      expect(res.headers.location, back).toBe('/');
    }
  });

  it('answers unknown pages with a 404 page and security headers', async () => {
    const res = await get('/no/such/page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('页面不存在');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('health check names the database', async () => {
    const res = await get('/healthz');
    expect(res.json()).toEqual({ status: 'ok', database: t.db.dialect });
  });
});
