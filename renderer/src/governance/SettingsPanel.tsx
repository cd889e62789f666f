import { useState } from 'react';
import type { TriadError } from '../../../shared/errors';
import type { SettingInfo } from '../../../shared/methods/settings';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { useQuery } from '../hooks/useQuery';
import { AuditTable } from './AuditTable';
import { SettingRow } from './SettingRow';
import { useCan } from './usePermission';

/**
 * Workspace runtime settings. Everyone reads them; settings.manage (administrators)
 * may store values. An environment variable wins over a stored value, so such a
 * setting is shown as overridden and cannot be edited here.
 */
export function SettingsPanel() {
  const api = useApi();
  const settings = useQuery('settings.list', {});
  const canManage = useCan('settings.manage');
  const canAudit = useCan('audit.read');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<TriadError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [trailGeneration, setTrailGeneration] = useState(0);

  async function save(s: SettingInfo, value: string) {
    setBusy(s.key);
    setError(null);
    setNotice(null);
    try {
      const updated = await api.call('settings.set', { key: s.key, value });
      setNotice(`${updated.key} is now ${String(updated.value)}. It applies ${updated.applies}.`);
      setTrailGeneration((g) => g + 1);
    } catch (caught) {
      setError(asTriadError(caught));
    } finally {
      setBusy(null);
      settings.reload();
    }
  }

  return (
    <>
      <section className="gov-section" aria-labelledby="settings-title">
        <div className="panel-head">
          <h2 id="settings-title" className="section-title">
            Runtime settings
          </h2>
        </div>
        <p className="muted small">
          An environment variable (TRIAD_…) wins over a stored value, which wins over the default. Changes apply to models loaded
          after the change; the run queue applies at once.
          {!canManage && ' Only administrators may change them.'}
        </p>
        {notice !== null && (
          <p className="notice notice-info" role="status">
            {notice}
          </p>
        )}
        {error !== null && <ErrorNotice error={error} title="The setting was not changed" />}
        {settings.error !== undefined && <ErrorNotice error={settings.error} title="Could not load settings" onRetry={settings.reload} />}
        {settings.data !== undefined && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Setting</th>
                  <th scope="col">Value</th>
                  <th scope="col">Source</th>
                  <th scope="col">Default</th>
                  <th scope="col">Last changed</th>
                  {canManage && <th scope="col">Change</th>}
                </tr>
              </thead>
              <tbody>
                {settings.data.map((s) => (
                  <SettingRow key={s.key} setting={s} canManage={canManage} busy={busy === s.key} onSave={(v) => void save(s, v)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {/* Remounted after each change, so the trail shows it. */}
      {canAudit && <SettingsTrail key={trailGeneration} />}
    </>
  );
}

/** The audit events of settings changes, newest first. */
function SettingsTrail() {
  const trail = useQuery('auditLog.list', { action: 'settings.', limit: 50 });
  return (
    <section className="gov-section" aria-labelledby="settings-trail-title">
      <div className="panel-head">
        <h2 id="settings-trail-title" className="section-title">
          Changes {trail.data !== undefined && <span className="muted">· {trail.data.total}</span>}
        </h2>
      </div>
      {trail.error !== undefined && <ErrorNotice error={trail.error} title="Could not load the changes" onRetry={trail.reload} />}
      {trail.data !== undefined &&
        (trail.data.events.length === 0 ? (
          <p className="muted">No setting has been changed yet: every value above is its default or comes from the environment.</p>
        ) : (
          <AuditTable events={trail.data.events} />
        ))}
    </section>
  );
}
