import type { ApiTokenInfo } from '../../../shared/methods/tokens';

export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: ApiTokenInfo, now = Date.now()): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export const TOKEN_STATE_TONE: Record<TokenState, string> = { active: 'ok', expired: 'warn', revoked: 'neutral' };

/** Expiry choices offered in the form; the core accepts any whole number of days up to ten years. */
export const EXPIRY_CHOICES: { label: string; days: number | null }[] = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
];
