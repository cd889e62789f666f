import { roleHas, type Permission } from '../../../shared/permissions';
import { useSessionStore } from '../stores/sessionStore';

/**
 * Whether the signed-in role holds a permission. Only for hiding what the core
 * would refuse anyway: the check that counts happens in the core on every call.
 */
export function useCan(permission: Permission): boolean {
  const role = useSessionStore((s) => s.session?.user.role);
  return role !== undefined && roleHas(role, permission);
}
