import { useState, type ChangeEvent } from 'react';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { downloadYaml, exportFileName, YamlDownload } from './YamlDownload';

/** Export every prompt as YAML for review elsewhere; import a reviewed file as new versions. */
export function PromptFilesPanel({ mayWrite, onImported }: { mayWrite: boolean; onImported: () => void }) {
  const api = useApi();
  const [yaml, setYaml] = useState<{ text: string; fileName: string } | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const [error, setError] = useState<TriadError | null>(null);

  const exportAll = async () => {
    setError(null);
    try {
      const text = (await api.call('prompts.export', { names: [] })).yaml;
      const fileName = exportFileName();
      setYaml({ text, fileName });
      downloadYaml(text, fileName);
    } catch (e) {
      setError(asTriadError(e));
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setReport(null);
    try {
      const r = await api.call('prompts.import', { yaml: await file.text() });
      setReport(`${r.created.length} new ${r.created.length === 1 ? 'version' : 'versions'} created${r.created.length ? ` (${r.created.map((v) => `${v.name}@${v.version}`).join(', ')})` : ''}; ${r.unchanged.length} already present.`);
      onImported();
    } catch (e) {
      setError(asTriadError(e));
    }
  };

  return (
    <section className="prompt-files stack" aria-label="Prompt files">
      <div className="run-controls">
        <button type="button" className="btn btn-small" onClick={() => void exportAll()}>Export all as .yaml</button>
        <label className={`btn btn-small${mayWrite ? '' : ' disabled'}`}>
          Import YAML…
          <input type="file" accept=".yaml,.yml,text/yaml" className="visually-hidden" disabled={!mayWrite} onChange={(e) => void importFile(e)} />
        </label>
        <span className="muted small">An import only adds versions; it never overwrites one or moves a label.</span>
      </div>
      {report !== null && <p className="notice notice-info" role="status">{report}</p>}
      {error !== null && <ErrorNotice error={error} title="Import or export failed" />}
      {yaml !== null && (
        <div className="field">
          <div className="panel-head">
            <span className="field-label">Export</span>
            <span className="run-controls">
              <YamlDownload yaml={yaml.text} fileName={yaml.fileName} />
              <CopyButton value={yaml.text} what="YAML" />
            </span>
          </div>
          <textarea className="input textarea mono" rows={12} readOnly value={yaml.text} aria-label="Exported YAML" />
        </div>
      )}
    </section>
  );
}
