// Session state: the logged-in user (Me) shared through context.
import { createContext, useContext } from 'react';
import type { Me } from './api';

export interface AuthContextValue {
  me: Me;
  /** Reload /auth/me (e.g. after roles changed). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthContext');
  return ctx;
}

/** True when the user holds any of the given permissions (or none are required). */
export function hasAny(me: Me, permissions?: readonly string[]): boolean {
  if (!permissions || permissions.length === 0) return true;
  return permissions.some((p) => me.permissions.includes(p));
}

export function useCan(permission: string): boolean {
  return useAuth().me.permissions.includes(permission);
}
