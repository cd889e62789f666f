import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { HashText } from '../components/HashText';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../components/StatusBadge';
import { DASH, formatBytes, formatCount, formatDateTime, formatParamCount, plural } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { flattenVersions } from '../models/modelRefs';

/** The model registry, read-only for now: one row per model version. */
export function ModelsPage() {
  const { data, error, loading, reload } = useQuery('models.list', {});
  const rows = data === undefined ? [] : flattenVersions(data);

  return (
    <div className="page">
      <PageHeader
        title="Models"
        meta={data !== undefined && `${plural(data.length, 'model')} · ${plural(rows.length, 'version')}`}
        actions={
          <button type="button" className="btn btn-small" onClick={reload} disabled={loading}>
            Refresh
          </button>
        }
      />
      {error !== undefined && <ErrorNotice error={error} title="Could not load models" onRetry={reload} />}
      {data === undefined && error === undefined && <p className="muted">Loading models…</p>}
      {data !== undefined && rows.length === 0 && (
        <EmptyState title="Import a GGUF model to begin">
          <p>
            Triad runs models stored as GGUF files on this machine; nothing is downloaded. Importing from this window is
            not built yet. On the command line, <code>triad demo</code> registers small demonstration models, and{' '}
            <code>triad --help</code> lists the other model commands.
          </p>
        </EmptyState>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">sha256</th>
                <th scope="col">Architecture</th>
                <th scope="col" className="num">
                  Parameters
                </th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Context
                </th>
                <th scope="col">Stage</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.id} data-testid="model-row">
                  <td className="strong">{v.name}</td>
                  <td className="num mono">{v.version}</td>
                  <td>
                    <HashText hash={v.sha256} />
                  </td>
                  <td>{v.architecture}</td>
                  <td className="num">{formatParamCount(v.parameterCount)}</td>
                  <td className="num">{formatBytes(v.sizeBytes)}</td>
                  <td className="num">{v.contextLength === null ? DASH : formatCount(v.contextLength)}</td>
                  <td>
                    <StatusBadge status={v.stage} />
                  </td>
                  <td className="nowrap" title={`by ${v.createdBy}`}>
                    {formatDateTime(v.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
