import { useState } from 'react';
import type { TriadError } from '../../../shared/errors';
import type { UserDetail } from '../../../shared/methods/users';
import { ROLES, type Role } from '../../../shared/permissions';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDateTime, plural } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { useSessionStore } from '../stores/sessionStore';
import { AddUserForm } from './AddUserForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { useCan } from './usePermission';
import { UserStateBadge } from './UserStateBadge';

/** Accounts: everyone with users.read sees them; users.manage may add, re-role, disable and reset. */
export function UsersPanel() {
  const api = useApi();
  const users = useQuery('users.list', {});
  const canManage = useCan('users.manage');
  const me = useSessionStore((s) => s.session?.user.username);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<TriadError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function act(username: string, done: string, call: () => Promise<unknown>) {
    setBusy(username);
    setError(null);
    setNotice(null);
    try {
      await call();
      setNotice(done);
    } catch (caught) {
      setError(asTriadError(caught));
    } finally {
      setBusy(null);
      users.reload();
    }
  }

  const setRole = (u: UserDetail, role: Role) =>
    act(u.username, `${u.username} is now ${role}.`, () => api.call('users.setRole', { username: u.username, role }));
  const toggle = (u: UserDetail) =>
    u.disabled
      ? act(u.username, `${u.username} is enabled again.`, () => api.call('users.enable', { username: u.username }))
      : act(u.username, `${u.username} is disabled; their sessions have ended.`, () => api.call('users.disable', { username: u.username }));

  return (
    <section className="gov-section" aria-labelledby="users-title">
      <div className="panel-head">
        <h2 id="users-title" className="section-title">
          Users {users.data !== undefined && <span className="muted">· {plural(users.data.length, 'account')}</span>}
        </h2>
        <div className="panel-actions">
          {canManage && !adding && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => setAdding(true)}>
              Add user
            </button>
          )}
        </div>
      </div>
      {adding && (
        <AddUserForm
          onCancel={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false);
            setNotice(`${name} was added. Give them their first password in person.`);
            users.reload();
          }}
        />
      )}
      {notice !== null && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {users.error !== undefined && <ErrorNotice error={users.error} title="Could not load users" onRetry={users.reload} />}
      {users.data !== undefined && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Password set</th>
                <th scope="col">Created</th>
                {canManage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  isMe={u.username === me}
                  canManage={canManage}
                  busy={busy === u.username}
                  resetting={resetting === u.username}
                  onRole={(role) => void setRole(u, role)}
                  onToggle={() => void toggle(u)}
                  onReset={() => setResetting(resetting === u.username ? null : u.username)}
                  onResetDone={() => {
                    setResetting(null);
                    setNotice(`${u.username}'s password was set; their sessions have ended.`);
                    users.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface RowProps {
  user: UserDetail;
  isMe: boolean;
  canManage: boolean;
  busy: boolean;
  resetting: boolean;
  onRole: (role: Role) => void;
  onToggle: () => void;
  onReset: () => void;
  onResetDone: () => void;
}

function UserRow({ user: u, isMe, canManage, busy, resetting, onRole, onToggle, onReset, onResetDone }: RowProps) {
  return (
    <>
      <tr data-testid="user-row" data-username={u.username}>
        <td className="strong">
          {u.username}
          {isMe && <span className="muted small"> (you)</span>}
        </td>
        <td>
          {canManage ? (
            <select
              className="input input-small"
              aria-label={`Role of ${u.username}`}
              value={u.role}
              disabled={busy}
              onChange={(e) => onRole(e.target.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          ) : (
            u.role
          )}
        </td>
        <td>
          <UserStateBadge user={u} />
        </td>
        <td className="nowrap">{formatDateTime(u.lastLoginAt)}</td>
        <td className="nowrap">{formatDateTime(u.passwordChangedAt)}</td>
        <td className="nowrap" title={u.createdBy === null ? undefined : `by ${u.createdBy}`}>
          {formatDateTime(u.createdAt)}
        </td>
        {canManage && (
          <td className="nowrap">
            <div className="inline-field">
              {!isMe && (
                <button
                  type="button"
                  className={`btn btn-small${u.disabled ? '' : ' btn-danger-outline'}`}
                  disabled={busy}
                  onClick={onToggle}
                  aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}
                >
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>
              )}
              {!isMe && (
                <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={onReset} aria-expanded={resetting}>
                  Set password
                </button>
              )}
            </div>
          </td>
        )}
      </tr>
      {resetting && (
        <tr>
          <td colSpan={7}>
            <ResetPasswordForm username={u.username} onDone={onResetDone} />
          </td>
        </tr>
      )}
    </>
  );
}
