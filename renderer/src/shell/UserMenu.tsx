import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/ApiContext';
import { formatDateTime } from '../format/format';
import { ChangePasswordDialog } from '../governance/ChangePasswordDialog';
import { useSessionStore } from '../stores/sessionStore';

/** The signed-in user and role; opens to show the session and the Log out action. */
export function UserMenu() {
  const api = useApi();
  const navigate = useNavigate();
  const session = useSessionStore((s) => s.session);
  const signOut = useSessionStore((s) => s.signOut);
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const [changed, setChanged] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current !== null && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (session === null) return null;
  const { user } = session;

  async function logOut() {
    setLeaving(true);
    try {
      await api.call('auth.logout', {});
    } catch {
      // The session ends here either way; a server that already forgot it is fine.
    }
    signOut('You have signed out.');
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className="btn btn-small btn-ghost user-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-name">{user.username}</span>
        <span className="role-chip">{user.role}</span>
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Account">
          <div className="menu-info">
            Signed in as <strong>{user.username}</strong> ({user.role})
            <div className="muted small">Session ends {formatDateTime(session.expiresAt)}</div>
          </div>
          {changed && (
            <p className="menu-info text-ok small" role="status">
              Password changed. Your other sessions have ended.
            </p>
          )}
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => {
              setOpen(false);
              setChanged(false);
              setChangingPassword(true);
            }}
          >
            Change password…
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => {
              setOpen(false);
              void navigate('/governance?view=tokens');
            }}
          >
            API tokens…
          </button>
          <button type="button" role="menuitem" className="menu-item" onClick={() => void logOut()} disabled={leaving}>
            {leaving ? 'Logging out…' : 'Log out'}
          </button>
        </div>
      )}
      {changingPassword && (
        <ChangePasswordDialog
          onClose={(done) => {
            setChangingPassword(false);
            if (done) {
              setChanged(true);
              setOpen(true);
            }
          }}
        />
      )}
    </div>
  );
}
