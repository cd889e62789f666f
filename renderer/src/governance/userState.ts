import type { UserDetail } from '../../../shared/methods/users';

export type UserState = 'active' | 'locked' | 'disabled';

export function userState(user: UserDetail): UserState {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil !== null) return 'locked';
  return 'active';
}

/** Badge tones for StatusBadge-like display: the word always carries the meaning. */
export const USER_STATE_TONE: Record<UserState, string> = { active: 'ok', locked: 'warn', disabled: 'neutral' };
