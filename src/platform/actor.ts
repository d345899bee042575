/** Who is acting: a signed-in person (cookie session or API token) or the system itself (jobs, CLI). */
export interface RoleGrant {
  role: string;
  /** null = district-wide (全区) */
  unitId: number | null;
}

export interface Actor {
  kind: 'user' | 'system';
  userId: number | null;
  username: string;
  displayName: string;
  unitId: number | null;
  grants: RoleGrant[];
}

export const systemActor = (name = 'system'): Actor => ({
  kind: 'system',
  userId: null,
  username: name,
  displayName: name === 'system' ? '系统' : name,
  unitId: null,
  grants: [],
});
