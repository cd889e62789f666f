import type { ApiTokenInfo } from '../../../shared/methods/tokens';
import { CopyButton } from '../components/CopyButton';

/**
 * The secret of a token just created. Only its hash is stored, so this is the
 * one and only time it can be shown: the notice says so and offers a copy.
 */
export function NewTokenNotice({ token, info, onDone }: { token: string; info: ApiTokenInfo; onDone: () => void }) {
  return (
    <section className="notice notice-warn gov-new-token" role="status" aria-label="New token">
      <p className="strong">Token "{info.name}" created. Copy it now: you will not see it again.</p>
      <div className="inline-field">
        <code className="mono gov-secret" data-testid="new-token">
          {token}
        </code>
        <CopyButton value={token} what="token" />
      </div>
      <p className="small">
        Use it as <code className="mono">TRIAD_TOKEN</code> for the CLI, or as <code className="mono">Authorization: Bearer …</code> over HTTP.
        Only a hash is kept, so a lost token cannot be shown again: revoke it and create another.
      </p>
      <div>
        <button type="button" className="btn btn-small" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
