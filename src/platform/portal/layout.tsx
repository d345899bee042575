import Html from '@kitajs/html';
import type { SiteSettings } from '../settings/site.js';

/** Reader preferences (适老化): set by plain links to /prefs, kept in a cookie, no JavaScript needed. */
export interface Prefs {
  largeFont: boolean;
  highContrast: boolean;
}

export const NAV = [
  { href: '/', label: '首页' },
  {
    href: '/xxgk/',
    label: '政府信息公开',
    children: [
      { href: '/xxgk/guide', label: '公开指南' },
      { href: '/xxgk/rules', label: '公开制度' },
      { href: '/xxgk/statutory', label: '法定主动公开内容' },
      { href: '/xxgk/annual-reports', label: '公开年报' },
      { href: '/xxgk/apply', label: '依申请公开' },
      { href: '/xxgk/cases/', label: '典型案例' },
    ],
  },
  { href: '/policies/', label: '政策文件库' },
  { href: '/lists/', label: '清单与执法公示' },
  { href: '/interact/', label: '互动交流' },
] as const;

export interface PageInput {
  title: string;
  path: string;
  site: SiteSettings;
  prefs: Prefs;
  /** breadcrumb trail below 首页, last item is the current page */
  trail?: Array<{ href?: string; label: string }>;
  children: JSX.Element;
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path.startsWith(href);
}

function prefsLink(path: string, key: 'font' | 'contrast', value: string): string {
  return `/prefs?${key}=${value}&back=${encodeURIComponent(path)}`;
}

export function Page(p: PageInput): string {
  // Already-rendered HTML from the page's own escaped JSX.
  const safeMainContent = p.children;
  const bodyClass = [p.prefs.largeFont ? 'large-font' : '', p.prefs.highContrast ? 'high-contrast' : ''].filter(Boolean).join(' ');
  return (
    '<!doctype html>' +
    (
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${p.title} - ${p.site.siteName}`}</title>
          <link rel="stylesheet" href="/static/portal.css" />
        </head>
        <body class={bodyClass || undefined}>
          <a class="skip-link" href="#main">
            跳到主要内容
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="site-name" href="/" safe>
                {p.site.siteName}
              </a>
              <nav class="reader-tools" aria-label="阅读辅助">
                <a href={prefsLink(p.path, 'font', p.prefs.largeFont ? 'normal' : 'large')}>{p.prefs.largeFont ? '标准字体' : '大字版'}</a>
                <a href={prefsLink(p.path, 'contrast', p.prefs.highContrast ? 'normal' : 'high')}>{p.prefs.highContrast ? '标准配色' : '高对比度'}</a>
              </nav>
            </div>
            <nav class="main-nav" aria-label="主导航">
              <ul class="wrap">
                {NAV.map((item) => (
                  <li>
                    <a href={item.href} aria-current={isCurrent(p.path, item.href) ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <nav class="sub-nav" aria-label="政府信息公开">
              <ul class="wrap">
                {NAV[1].children.map((item) => (
                  <li>
                    <a href={item.href} aria-current={p.path === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          {p.trail && p.trail.length > 0 ? (
            <nav class="wrap breadcrumb" aria-label="当前位置">
              <ol>
                <li>
                  <a href="/">首页</a>
                </li>
                {p.trail.map((t) => (
                  <li>{t.href ? <a href={t.href} safe>{t.label}</a> : <span aria-current="page" safe>{t.label}</span>}</li>
                ))}
              </ol>
            </nav>
          ) : (
            ''
          )}
          <main id="main" class="wrap" tabindex="-1">
            {safeMainContent}
          </main>
          <Footer site={p.site} />
        </body>
      </html>
    )
  );
}

function Footer({ site }: { site: SiteSettings }): JSX.Element {
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          <span class="gov-badge" title="党政机关网站标识">
            党政机关
          </span>
          <span>主办单位：</span>
          <span safe>{site.hostUnit || '（未设置）'}</span>
        </p>
        <p>
          <span>网站标识码：</span>
          <span safe>{site.siteCode || '（未设置）'}</span>
          {site.icp ? <span safe>{` · ${site.icp}`}</span> : ''}
          {site.psb ? <span safe>{` · ${site.psb}`}</span> : ''}
        </p>
        <p>
          {site.address ? <span safe>{`地址：${site.address} `}</span> : ''}
          {site.contactPhone ? <span safe>{`联系电话：${site.contactPhone} `}</span> : ''}
          {site.contactEmail ? <span safe>{`电子邮箱：${site.contactEmail}`}</span> : ''}
        </p>
        <p>
          <a href="https://zfwzzc.www.gov.cn/" rel="noopener">
            我为政府网站找错
          </a>
        </p>
      </div>
    </footer>
  );
}
