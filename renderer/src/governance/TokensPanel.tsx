import { useEffect, useState } from 'react';
import type { TriadError } from '../../../shared/errors';
import type { ApiTokenInfo } from '../../../shared/methods/tokens';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { plural } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { useSessionStore } from '../stores/sessionStore';
import { CreateTokenForm } from './CreateTokenForm';
import { NewTokenNotice } from './NewTokenNotice';
import { TokensTable } from './TokensTable';
import { useCan } from './usePermission';

/**
 * API tokens for scripts: every signed-in user manages their own; holders of
 * users.manage also see everyone's and may revoke any (the core checks both).
 */
export function TokensPanel() {
  const api = useApi();
  const me = useSessionStore((s) => s.session?.user.username);
  const canManage = useCan('users.manage');
  const mine = useQuery('tokens.list', {});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ token: string; info: ApiTokenInfo } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<TriadError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after every change so the admin table below reloads too.
  const [generation, setGeneration] = useState(0);

  async function revoke(token: ApiTokenInfo) {
    setBusyId(token.id);
    setError(null);
    setNotice(null);
    try {
      // One's own by the method for one's own; someone else's needs the admin method.
      const done = token.username === me ? await api.call('tokens.revoke', { token: token.id }) : await api.call('tokens.revokeAny', { id: token.id });
      setNotice(`Revoked ${done.username === me ? 'your' : `${done.username}'s`} token "${done.name}". It no longer works.`);
    } catch (caught) {
      setError(asTriadError(caught));
    } finally {
      setBusyId(null);
      mine.reload();
      setGeneration((g) => g + 1);
    }
  }

  return (
    <div className="gov-section">
      <section className="gov-section" aria-labelledby="tokens-title">
        <div className="panel-head">
          <h2 id="tokens-title" className="section-title">
            Your API tokens {mine.data !== undefined && <span className="muted">· {plural(mine.data.length, 'token')}</span>}
          </h2>
          <div className="panel-actions">
            {!creating && (
              <button
                type="button"
                className="btn btn-small btn-primary"
                onClick={() => {
                  setCreating(true);
                  setCreated(null);
                }}
              >
                Create token
              </button>
            )}
          </div>
        </div>
        {creating && (
          <CreateTokenForm
            onCancel={() => setCreating(false)}
            onCreated={(token, info) => {
              setCreating(false);
              setCreated({ token, info });
              setNotice(null);
              mine.reload();
              setGeneration((g) => g + 1);
            }}
          />
        )}
        {created !== null && <NewTokenNotice token={created.token} info={created.info} onDone={() => setCreated(null)} />}
        {notice !== null && (
          <p className="notice notice-info" role="status">
            {notice}
          </p>
        )}
        {error !== null && <ErrorNotice error={error} title="Could not revoke the token" />}
        {mine.error !== undefined && <ErrorNotice error={mine.error} title="Could not load your tokens" onRetry={mine.reload} />}
        {mine.data !== undefined && mine.data.length === 0 && !creating && (
          <EmptyState title="No API tokens yet">
            <p>
              A token lets a script act as you: as <code className="mono">TRIAD_TOKEN</code> for the CLI, or as an HTTP bearer. Create one
              for each script, so you can revoke one without stopping the others.
            </p>
          </EmptyState>
        )}
        {mine.data !== undefined && mine.data.length > 0 && (
          <TokensTable tokens={mine.data} showOwner={false} busyId={busyId} onRevoke={(t) => void revoke(t)} label="Your API tokens" />
        )}
      </section>
      {canManage && <AllTokens generation={generation} busyId={busyId} onRevoke={(t) => void revoke(t)} />}
    </div>
  );
}

/** Everyone's tokens, for administrators: who can act through a script, and a way to stop it. */
function AllTokens({ generation, busyId, onRevoke }: { generation: number; busyId: string | null; onRevoke: (t: ApiTokenInfo) => void }) {
  const all = useQuery('tokens.listAll', {});
  const { reload } = all;
  useEffect(() => {
    // A change above (create or revoke): reload this list as well.
    if (generation > 0) reload();
  }, [generation, reload]);
  const active = all.data?.filter((t) => t.revokedAt === null).length ?? 0;
  return (
    <section className="gov-section" aria-labelledby="all-tokens-title">
      <div className="panel-head">
        <h2 id="all-tokens-title" className="section-title">
          All users' tokens {all.data !== undefined && <span className="muted">· {active} not revoked</span>}
        </h2>
      </div>
      {all.error !== undefined && <ErrorNotice error={all.error} title="Could not load all tokens" onRetry={all.reload} />}
      {all.data !== undefined && all.data.length === 0 && <p className="muted">Nobody has created an API token yet.</p>}
      {all.data !== undefined && all.data.length > 0 && (
        <TokensTable tokens={all.data} showOwner busyId={busyId} onRevoke={onRevoke} label="All users' tokens" />
      )}
    </section>
  );
}
