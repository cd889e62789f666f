import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { roleHas } from '../../../shared/permissions';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { plural } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { ImportPanel } from '../models/ImportPanel';
import { ModelDetailView } from '../models/ModelDetailView';
import { StageBadge } from '../models/StageBadge';
import '../models/models.css';
import { useSessionStore } from '../stores/sessionStore';

/** The model registry: models on the left, the chosen one's versions, labels, diff and card on the right. */
export function ModelsPage() {
  const { data, error, loading, reload } = useQuery('models.list', {});
  const role = useSessionStore((s) => s.session?.user.role);
  const mayWrite = role !== undefined && roleHas(role, 'models.write');
  // Reviewers approve and promote without being able to import or draft.
  const mayApprove = role !== undefined && roleHas(role, 'models.approve');
  const [params, setParams] = useSearchParams();
  const [importOpen, setImportOpen] = useState(false);
  const models = data ?? [];
  const selected = models.find((m) => m.name === params.get('model'))?.name ?? models[0]?.name ?? null;
  const select = (name: string) => setParams({ model: name });
  const versionCount = models.reduce((n, m) => n + m.versions.length, 0);

  return (
    <div className="page">
      <PageHeader
        title="Models"
        meta={data !== undefined && `${plural(models.length, 'model')} · ${plural(versionCount, 'version')}`}
        actions={
          <>
            {mayWrite && models.length > 0 && (
              <button type="button" className="btn btn-small" onClick={() => setImportOpen((o) => !o)} aria-expanded={importOpen}>
                Import model
              </button>
            )}
            <button type="button" className="btn btn-small" onClick={reload} disabled={loading}>
              Refresh
            </button>
          </>
        }
      />
      {error !== undefined && <ErrorNotice error={error} title="Could not load models" onRetry={reload} />}
      {data === undefined && error === undefined && <p className="muted">Loading models…</p>}
      {data !== undefined && models.length === 0 && (
        <EmptyState title="Import a GGUF model to begin">
          <p>
            Triad runs models stored as GGUF files on this machine; nothing is downloaded. Give the path of a .gguf file below or drop one here. On the
            command line, <code>triad models import FILE --name NAME</code> does the same, and <code>triad demo</code> registers small demonstration models.
          </p>
        </EmptyState>
      )}
      {mayWrite && (importOpen || (data !== undefined && models.length === 0)) && (
        <ImportPanel
          defaultName={selected ?? ''}
          onImported={(name) => {
            reload();
            select(name);
          }}
        />
      )}
      {models.length > 0 && selected !== null && (
        <div className="models-layout">
          <nav aria-label="Models" className="panel">
            {models.map((m) => {
              const newest = m.versions.at(-1);
              return (
                <button
                  key={m.name}
                  type="button"
                  className="model-list-item"
                  aria-current={m.name === selected}
                  onClick={() => select(m.name)}
                  data-testid="model-row"
                >
                  <span className="strong">{m.name}</span>
                  <span className="muted small">
                    {plural(m.versions.length, 'version')}
                    {m.labels.length > 0 && ` · ${m.labels.map((l) => `${l.label}→@${l.version}`).join(', ')}`}
                  </span>
                  {newest && <StageBadge stage={newest.stage} />}
                </button>
              );
            })}
          </nav>
          {/* Keyed by the version count too, so an import into the shown model reloads it. */}
          <ModelDetailView key={`${selected}:${models.find((m) => m.name === selected)?.versions.length ?? 0}`} name={selected} access={{ write: mayWrite, approve: mayApprove }} reloadList={reload} />
        </div>
      )}
    </div>
  );
}
