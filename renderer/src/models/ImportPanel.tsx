import { useCallback, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { TriadError } from '../../../shared/errors';
import type { TriadEvent } from '../../../shared/events';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { formatBytes, formatParamCount } from '../format/format';
import { useTriadEvents } from '../hooks/useTriadEvents';
import { ProgressBar } from '../components/ProgressBar';
import { uploadFile } from './uploadFile';

interface Progress {
  label: string;
  done: number;
  total: number | null;
}

function newJobId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/**
 * Import a GGUF file: by its path on this machine (the server is local, and the
 * file may be large), or by dropping it here, which uploads it in chunks first.
 */
export function ImportPanel({ defaultName, onImported }: { defaultName: string; onImported: (name: string) => void }) {
  const api = useApi();
  const [path, setPath] = useState('');
  const [name, setName] = useState(defaultName);
  const [notes, setNotes] = useState('');
  const [link, setLink] = useState(false);
  const [dropActive, setDropActive] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<TriadError | null>(null);
  const [result, setResult] = useState<MethodOutput<'models.import'> | null>(null);
  const job = useRef<{ id: string; upload: AbortController } | null>(null);

  const onEvent = useCallback((e: TriadEvent) => {
    if (e.type === 'job.progress' && e.jobId === job.current?.id) setProgress({ label: e.label, done: e.done, total: e.total });
  }, []);
  useTriadEvents(onEvent);

  const run = async (source: { path: string } | { file: File }) => {
    const jobId = newJobId();
    const upload = new AbortController();
    job.current = { id: jobId, upload };
    setError(null);
    setResult(null);
    const modelName = name.trim() || ('file' in source ? source.file.name.replace(/\.gguf$/i, '') : '');
    try {
      let input;
      if ('file' in source) {
        setProgress({ label: `Uploading ${source.file.name}`, done: 0, total: source.file.size });
        const uploadId = await uploadFile(api, source.file, (done, total) => setProgress({ label: `Uploading ${source.file.name}`, done, total }), upload.signal);
        input = { uploadId, name: modelName, notes, jobId };
      } else {
        input = { path: source.path, name: modelName, notes, link, jobId };
      }
      setProgress({ label: 'Reading GGUF metadata', done: 0, total: null });
      const r = await api.call('models.import', input);
      setResult(r);
      onImported(r.version.name);
    } catch (err) {
      setError(asTriadError(err));
    } finally {
      job.current = null;
      setProgress(null);
    }
  };

  const cancel = () => {
    const current = job.current;
    if (!current) return;
    current.upload.abort();
    void api.call('models.cancelJob', { jobId: current.id }).catch(() => undefined);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropActive(false);
    const file = event.dataTransfer.files[0];
    if (file && progress === null) void run({ file });
  };

  const busy = progress !== null;
  return (
    <section className="panel" aria-label="Import a model">
      <h2 className="section-title">Import a GGUF model</h2>
      <div className="row">
        <TextField label="Model name" value={name} onChange={setName} placeholder="e.g. credit-memo" disabled={busy} />
        <TextField label="Notes" value={notes} onChange={setNotes} placeholder="what changed in this version" disabled={busy} />
      </div>
      <div className="row">
        <TextField
          label="Path on this machine"
          value={path}
          onChange={setPath}
          placeholder="/models/llama-3-8b.Q4_K_M.gguf"
          help="The file is read by the Triad server on this computer, hashed and copied into the workspace's model store."
          disabled={busy}
        />
        <label className="inline-field">
          <input type="checkbox" checked={link} onChange={(e) => setLink(e.target.checked)} disabled={busy} /> Keep in place (link, do not copy)
        </label>
        <button type="button" className="btn btn-primary" disabled={busy || path.trim() === '' || name.trim() === ''} onClick={() => void run({ path: path.trim() })}>
          Import
        </button>
      </div>
      <div
        className="drop-zone"
        data-active={dropActive}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDropActive(true);
        }}
        onDragLeave={() => setDropActive(false)}
        onDrop={onDrop}
      >
        Or drop a .gguf file here to upload it into the workspace first (best for files of a few GB or less), or{' '}
        <label className="btn btn-tiny">
          choose a file
          <input
            type="file"
            accept=".gguf"
            className="visually-hidden"
            aria-label="Choose a GGUF file"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void run({ file });
            }}
          />
        </label>
      </div>
      {progress !== null && <ProgressBar {...progress} onCancel={cancel} />}
      {error !== null && <ErrorNotice error={error} title="Import failed; nothing was registered" />}
      {result !== null && (
        <p className="notice notice-info" role="status" data-testid="import-result">
          {result.duplicate
            ? `Already registered: these bytes are ${result.version.name}@${result.version.version}. Nothing was added.`
            : `Imported ${result.version.name}@${result.version.version} · ${result.metadata.architecture} · ${formatParamCount(result.metadata.parameterCount)} parameters · ${result.metadata.quantization} · ${formatBytes(result.version.sizeBytes)}`}
          {result.sameBytesAs.length > 0 && ` · same bytes as ${result.sameBytesAs.join(', ')}`}
        </p>
      )}
    </section>
  );
}
