import { useRef, useState } from 'react';
import type { ModelDetail } from '../../../shared/methods/models';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDateTime } from '../format/format';
import type { ModelAccess } from './modelAccess';
import { uploadFile } from './uploadFile';
import { useAction } from './useAction';

/** LoRA adapters bound to this model's versions, and importing one for a chosen version. */
export function AdapterPanel({ detail, access, onChanged }: { detail: ModelDetail; access: ModelAccess; onChanged: () => void }) {
  const api = useApi();
  const action = useAction(onChanged);
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [progress, setProgress] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const adapters = detail.versions.flatMap((v) => v.adapters ?? []);
  const versions = detail.versions.map((v) => v.version);
  const base = versions.includes(Number(version)) ? Number(version) : (versions.at(-1) ?? 0);

  const importFile = (file: File) =>
    action.run(async () => {
      const uploadId = await uploadFile(api, file, (done, total) => setProgress(`Uploading ${file.name}: ${Math.round((done / total) * 100)}%`), new AbortController().signal);
      try {
        setProgress('Checking it against the base model and hashing');
        await api.call('adapters.import', { uploadId, base: `${detail.name}@${base}`, name: name.trim() });
      } finally {
        setProgress(null);
        if (fileRef.current) fileRef.current.value = '';
      }
    });

  return (
    <section className="panel" aria-label="Adapters">
      <h2 className="section-title">LoRA adapters</h2>
      {adapters.length === 0 ? (
        <p className="muted small">No adapters yet. An adapter is bound to one version&apos;s exact bytes and applied at run time (Playground, or <code>triad run --lora NAME</code>).</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Adapter versions">
            <thead>
              <tr>
                <th scope="col">Adapter</th>
                <th scope="col">Base</th>
                <th scope="col">sha256</th>
                <th scope="col">Rank</th>
                <th scope="col">Targets</th>
                <th scope="col">Imported</th>
              </tr>
            </thead>
            <tbody>
              {adapters.map((a) => (
                <tr key={a.id} data-testid="adapter-row">
                  <td className="mono">
                    {a.name}@{a.version}
                  </td>
                  <td className="mono">@{a.base.version}</td>
                  <td className="mono" title={a.sha256}>
                    {a.sha256.slice(0, 12)}
                  </td>
                  <td>{a.rank}</td>
                  <td className="mono small">{a.targets.join(', ')}</td>
                  <td className="nowrap small">
                    {formatDateTime(a.createdAt)} by {a.createdBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {access.write && (
        <div className="row">
          <input className="input input-small" aria-label="Adapter name" placeholder="adapter name" value={name} onChange={(e) => setName(e.target.value)} />
          <select className="input input-small" aria-label="Adapter base version" value={base} onChange={(e) => setVersion(e.target.value)}>
            {versions.map((v) => (
              <option key={v} value={v}>
                for @{v}
              </option>
            ))}
          </select>
          <input
            ref={fileRef}
            type="file"
            accept=".gguf"
            aria-label="Adapter file"
            disabled={action.busy || name.trim() === '' || base === 0}
            title={name.trim() === '' ? 'Name the adapter first' : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
        </div>
      )}
      {progress !== null && <p className="small muted">{progress}</p>}
      {action.error !== null && <ErrorNotice error={action.error} />}
    </section>
  );
}
