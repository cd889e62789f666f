import type { UserDetail } from '../../../shared/methods/users';
import { formatDateTime } from '../format/format';
import { USER_STATE_TONE, userState } from './userState';

export function UserStateBadge({ user }: { user: UserDetail }) {
  const state = userState(user);
  const title =
    state === 'locked' ? `Locked after repeated wrong passwords until ${formatDateTime(user.lockedUntil)}` : state === 'disabled' ? `Disabled ${formatDateTime(user.disabledAt)}` : undefined;
  return (
    <span className={`badge badge-${USER_STATE_TONE[state]}`} title={title}>
      <span className="badge-dot" aria-hidden="true" />
      {state}
    </span>
  );
}
