import { useSearchParams } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { AuditLogPanel } from '../governance/AuditLogPanel';
import { useCan } from '../governance/usePermission';
import { UsersPanel } from '../governance/UsersPanel';
import { useSessionStore } from '../stores/sessionStore';
import '../governance/governance.css';

type View = 'users' | 'audit';

/** Who may do what (users and roles) and what was done (the audit log). */
export function GovernancePage() {
  const [params, setParams] = useSearchParams();
  const role = useSessionStore((s) => s.session?.user.role);
  const canUsers = useCan('users.read');
  const canAudit = useCan('audit.read');
  const asked = params.get('view') === 'audit' ? 'audit' : 'users';
  const view: View = asked === 'users' && !canUsers ? 'audit' : asked;

  const choose = (next: View) =>
    // Filters belong to the audit view; switching views starts clean.
    setParams(next === 'users' ? {} : { view: next }, { replace: true });

  if (!canUsers && !canAudit) {
    return (
      <div className="page">
        <PageHeader title="Governance" />
        <EmptyState title="Users and the audit log are for administrators and reviewers">
          <p>
            Your role ({role}) may not see them. You can change your own password from the menu under your name, top
            right. Ask an administrator if you need more access.
          </p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page page-fill">
      <PageHeader
        title="Governance"
        meta="Roles are checked in the core for every call; every change is recorded."
        actions={
          canUsers && canAudit ? (
            <div className="segmented gov-tabs" role="radiogroup" aria-label="View">
              {(['users', 'audit'] as const).map((v) => (
                <label key={v} className={`segment${view === v ? ' selected' : ''}`}>
                  <input type="radio" name="governance-view" value={v} checked={view === v} onChange={() => choose(v)} />
                  {v === 'users' ? 'Users' : 'Audit log'}
                </label>
              ))}
            </div>
          ) : undefined
        }
      />
      {view === 'users' ? <UsersPanel /> : <AuditLogPanel />}
    </div>
  );
}
