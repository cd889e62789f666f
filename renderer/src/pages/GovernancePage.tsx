import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { AuditLogPanel } from '../governance/AuditLogPanel';
import { SettingsPanel } from '../governance/SettingsPanel';
import { TokensPanel } from '../governance/TokensPanel';
import { useCan } from '../governance/usePermission';
import { UsersPanel } from '../governance/UsersPanel';
import { useSessionStore } from '../stores/sessionStore';
import '../governance/governance.css';

type View = 'users' | 'audit' | 'tokens' | 'settings';

const LABELS: Record<View, string> = { users: 'Users', audit: 'Audit log', tokens: 'API tokens', settings: 'Settings' };

function parseView(value: string | null): View {
  return value === 'audit' || value === 'tokens' || value === 'settings' ? value : 'users';
}

/** Who may do what (users and roles), what was done (the audit log), and the API tokens that act for people. */
export function GovernancePage() {
  const [params, setParams] = useSearchParams();
  const role = useSessionStore((s) => s.session?.user.role);
  const canUsers = useCan('users.read');
  const canAudit = useCan('audit.read');
  // Everyone manages their own API tokens and reads the settings; users and the audit log need their permissions.
  const views = (['users', 'audit', 'tokens', 'settings'] as const).filter((v) => (v === 'users' ? canUsers : v === 'audit' ? canAudit : true));
  const asked = parseView(params.get('view'));
  const view: View = views.includes(asked) ? asked : (views[0] ?? 'tokens');

  const choose = (next: View) =>
    // Filters belong to the audit view; switching views starts clean.
    setParams(next === 'users' ? {} : { view: next }, { replace: true });

  return (
    <div className="page page-fill">
      <PageHeader
        title="Governance"
        meta="Roles are checked in the core for every call; every change is recorded."
        actions={
          views.length > 1 ? (
            <div className="segmented gov-tabs" role="radiogroup" aria-label="View">
              {views.map((v) => (
                <label key={v} className={`segment${view === v ? ' selected' : ''}`}>
                  <input type="radio" name="governance-view" value={v} checked={view === v} onChange={() => choose(v)} />
                  {LABELS[v]}
                </label>
              ))}
            </div>
          ) : undefined
        }
      />
      {!canUsers && !canAudit && (
        <p className="notice notice-info">
          Users and the audit log are for administrators and reviewers. Your role ({role}) may not see them. Ask an administrator
          if you need more access. Here you manage your own API tokens.
        </p>
      )}
      {view === 'users' ? <UsersPanel /> : view === 'audit' ? <AuditLogPanel /> : view === 'settings' ? <SettingsPanel /> : <TokensPanel />}
    </div>
  );
}
