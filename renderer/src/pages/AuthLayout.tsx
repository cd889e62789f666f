import type { ReactNode } from 'react';

/** The centred card used before sign-in: product name, then one task. */
export function AuthLayout({ title, appVersion, children }: { title?: string; appVersion?: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby={title === undefined ? undefined : 'auth-title'}>
        <header className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            ▲
          </span>
          <span className="brand-name">Triad</span>
          {appVersion !== undefined && <span className="muted small">v{appVersion}</span>}
        </header>
        {title !== undefined && (
          <h1 id="auth-title" className="auth-title">
            {title}
          </h1>
        )}
        {children}
      </section>
      <p className="auth-footer muted small">Local models, local data. Nothing leaves this machine.</p>
    </main>
  );
}
