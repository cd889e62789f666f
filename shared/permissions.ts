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
  'runs.create',
  'traces.read',
  'users.read',
  'users.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who may call a method: anyone, any signed-in user, or holders of a permission. */
export type Access = 'public' | 'authenticated' | Permission;

const READ_ALL: readonly Permission[] = ['workspace.read', 'models.read', 'traces.read', 'audit.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  engineer: ['workspace.read', 'models.read', 'models.write', 'runs.create', 'traces.read'],
  analyst: ['workspace.read', 'models.read', 'runs.create', 'traces.read'],
  reviewer: [...READ_ALL, 'users.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function roleMayCall(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return roleHas(role, access);
}
