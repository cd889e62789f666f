import { useState } from 'react';
import type { ApiTokenInfo } from '../../../shared/methods/tokens';
import { formatDateTime } from '../format/format';
import { TOKEN_STATE_TONE, tokenState } from './tokenState';

interface Props {
  tokens: ApiTokenInfo[];
  /** Everyone's tokens: show whose each one is. */
  showOwner: boolean;
  /** The token being revoked right now, if any. */
  busyId: string | null;
  onRevoke: (token: ApiTokenInfo) => void;
  label: string;
}

/** Tokens with their dates and state; revoking asks once more, since it stops a script at once. */
export function TokensTable({ tokens, showOwner, busyId, onRevoke, label }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {showOwner && <th scope="col">Owner</th>}
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Revoked</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => {
            const state = tokenState(t);
            const who = showOwner ? `${t.username}'s token ${t.name}` : `token ${t.name}`;
            return (
              <tr key={t.id} data-testid="token-row" data-token-name={t.name} data-owner={t.username}>
                {showOwner && <td className="strong">{t.username}</td>}
                <td className={showOwner ? undefined : 'strong'} title={`id ${t.id}`}>
                  {t.name}
                </td>
                <td>
                  <span className={`badge badge-${TOKEN_STATE_TONE[state]}`}>
                    <span className="badge-dot" aria-hidden="true" />
                    {state}
                  </span>
                </td>
                <td className="nowrap">{formatDateTime(t.createdAt)}</td>
                <td className="nowrap">{t.lastUsedAt === null ? 'never' : formatDateTime(t.lastUsedAt)}</td>
                <td className="nowrap">{t.expiresAt === null ? 'never' : formatDateTime(t.expiresAt)}</td>
                <td className="nowrap">
                  {t.revokedAt === null ? '—' : `${formatDateTime(t.revokedAt)}${t.revokedBy !== null && t.revokedBy !== t.username ? ` by ${t.revokedBy}` : ''}`}
                </td>
                <td className="nowrap">
                  {state !== 'revoked' &&
                    (confirming === t.id ? (
                      <div className="inline-field">
                        <button
                          type="button"
                          className="btn btn-small btn-danger-outline"
                          disabled={busyId === t.id}
                          onClick={() => {
                            setConfirming(null);
                            onRevoke(t);
                          }}
                          aria-label={`Confirm revoking ${who}`}
                        >
                          Revoke now
                        </button>
                        <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        disabled={busyId === t.id}
                        onClick={() => setConfirming(t.id)}
                        aria-label={`Revoke ${who}`}
                      >
                        {busyId === t.id ? 'Revoking…' : 'Revoke'}
                      </button>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
