/**
 * Roles and permissions. The core checks these for every call, whatever the
 * transport; the UI only uses them to hide what a user could not do anyway.
 */
export const ROLES = ['admin', 'engineer', 'analyst', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'workspace.read',
  'models.read',
  'models.write',
  'models.approve',
  'prompts.approve',
  'runs.create',
  'traces.read',
  'users.read',
  'users.manage',
  'settings.manage',
  'audit.read',
  'audit.export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who may call a method: anyone, any signed-in user, or holders of a permission. */
export type Access = 'public' | 'authenticated' | Permission;

const READ_ALL: readonly Permission[] = ['workspace.read', 'models.read', 'traces.read', 'users.read', 'audit.read'];

/**
 * engineer: imports and versions models and prompts, requests approval.
 * analyst: runs, compares, evaluates, reads traces.
 * reviewer: reads everything, approves, exports and signs off; changes nothing
 *   else on the record (no runs, no imports).
 * admin: everything, plus users, roles and settings. Approvals still follow
 *   separation of duties (governance/separationOfDuties.ts), whatever the role.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  engineer: ['workspace.read', 'models.read', 'models.write', 'runs.create', 'traces.read'],
  analyst: ['workspace.read', 'models.read', 'runs.create', 'traces.read'],
  reviewer: [...READ_ALL, 'models.approve', 'prompts.approve', 'audit.export'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function roleMayCall(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return roleHas(role, access);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => roleHas(role, p));
}
