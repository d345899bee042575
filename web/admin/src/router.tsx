// A tiny pathname router under /admin/ using the History API.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const BASE = '/admin';
const CHANGE_EVENT = 'gk:navigate';

/** Current route path relative to BASE, always starting with '/'. */
function currentRoute(): string {
  const { pathname } = window.location;
  if (pathname === BASE || pathname === `${BASE}/`) return '/';
  if (pathname.startsWith(`${BASE}/`)) {
    const rest = pathname.slice(BASE.length).replace(/\/+$/, '');
    return rest || '/';
  }
  return '/';
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(CHANGE_EVENT, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(CHANGE_EVENT, callback);
  };
}

export function href(route: string): string {
  return route === '/' ? `${BASE}/` : `${BASE}${route}`;
}

export function navigate(route: string, opts: { replace?: boolean } = {}): void {
  const target = href(route);
  if (target === window.location.pathname + window.location.search) return;
  if (opts.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(CHANGE_EVENT));
  window.scrollTo(0, 0);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute, () => '/');
}

/** The query string (`?id=12`), re-read on navigation: list pages open one record by `?id=`. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search, () => '');
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An anchor that navigates client-side on plain left clicks. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={handle} {...rest} />;
}
