import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Session, User } from '../../../shared/domain';

interface SessionState {
  session: Session | null;
  /** One line shown on the sign-in page: why the user is there again. */
  notice: string | null;
  signIn: (session: Session) => void;
  signOut: (notice?: string) => void;
  /** The core's current view of the signed-in user (a role change by an admin), same session. */
  updateUser: (user: User) => void;
}

function isExpired(session: Session): boolean {
  const expires = Date.parse(session.expiresAt);
  return Number.isFinite(expires) && expires <= Date.now();
}

/** The signed-in session, kept in sessionStorage so a reload keeps it but a new window does not. */
export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      session: null,
      notice: null,
      signIn: (session) => set({ session, notice: null }),
      signOut: (notice) => set({ session: null, notice: notice ?? null }),
      updateUser: (user) => set((state) => (state.session === null ? {} : { session: { ...state.session, user } })),
    }),
    {
      name: 'triad.session',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (state) => ({ session: state.session }),
      merge: (persisted, current) => {
        const stored = (persisted as { session?: Session | null } | undefined)?.session ?? null;
        return { ...current, session: stored !== null && !isExpired(stored) ? stored : null };
      },
    },
  ),
);

export function currentSessionToken(): string | null {
  return useSessionStore.getState().session?.token ?? null;
}
