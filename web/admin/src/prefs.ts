// Reading modes (适老化) shared with the public portal through the `gk_prefs` cookie:
// its value is the words `font-large` and/or `contrast-high` joined by '.', or empty.
import { createContext, useContext } from 'react';

export const PREFS_COOKIE = 'gk_prefs';
const MAX_AGE = 365 * 86400;

export interface Prefs {
  largeFont: boolean;
  highContrast: boolean;
}

export const DEFAULT_PREFS: Prefs = { largeFont: false, highContrast: false };

/** Parses a `document.cookie` string; unknown words and malformed values are ignored. */
export function parsePrefs(cookieString: string): Prefs {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== PREFS_COOKIE) continue;
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    const words = value.split('.');
    return { largeFont: words.includes('font-large'), highContrast: words.includes('contrast-high') };
  }
  return DEFAULT_PREFS;
}

export function prefsValue(p: Prefs): string {
  return [p.largeFont ? 'font-large' : '', p.highContrast ? 'contrast-high' : ''].filter(Boolean).join('.');
}

export function readPrefs(): Prefs {
  return typeof document === 'undefined' ? DEFAULT_PREFS : parsePrefs(document.cookie);
}

/** Writes the cookie exactly as the portal's /prefs endpoint does (path /, one year, not httpOnly). */
export function writePrefs(p: Prefs): void {
  document.cookie = `${PREFS_COOKIE}=${prefsValue(p)}; path=/; max-age=${MAX_AGE}; samesite=lax`;
}

export function samePrefs(a: Prefs, b: Prefs): boolean {
  return a.largeFont === b.largeFont && a.highContrast === b.highContrast;
}

export interface PrefsContextValue {
  prefs: Prefs;
  setPrefs: (p: Prefs) => void;
}

export const PrefsContext = createContext<PrefsContextValue>({ prefs: DEFAULT_PREFS, setPrefs: () => undefined });

export function usePrefs(): PrefsContextValue {
  return useContext(PrefsContext);
}
