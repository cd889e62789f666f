import type { PromptDetail, PromptVersion } from '../../../shared/methods/prompts';
import { HashText } from '../components/HashText';
import { DASH, formatDateTime, formatMs } from '../format/format';
import { useQuery } from '../hooks/useQuery';

interface Props {
  detail: PromptDetail;
  onEditFrom: (v: PromptVersion) => void;
  onCompare: (from: number, to: number) => void;
}

/** Every version, newest first, with its labels and what it has done in runs. */
export function VersionHistory({ detail, onEditFrom, onCompare }: Props) {
  const usage = useQuery('prompts.usage', { name: detail.name });
  const noEvals = usage.data !== undefined && usage.data.every((u) => u.evalPassRate === null);
  return (
    <div className="table-wrap">
      {noEvals && <p className="muted small">Eval pass rate: no evals yet.</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="num">Version</th>
            <th scope="col">Hash</th>
            <th scope="col">Labels</th>
            <th scope="col">Message</th>
            <th scope="col">Author</th>
            <th scope="col">Created</th>
            <th scope="col" className="num">Runs</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col" className="num">Avg latency</th>
            <th scope="col" className="num">p95</th>
            <th scope="col">Flags</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {detail.versions.map((v) => {
            const u = usage.data?.find((row) => row.version === v.version);
            return (
              <tr key={v.id} data-testid="prompt-version-row">
                <td className="num mono">{v.version}</td>
                <td><HashText hash={v.hash} what="content hash" /></td>
                <td>{v.labels.length ? v.labels.map((l) => <span key={l} className="badge badge-info">{l}</span>) : DASH}</td>
                <td>{v.commitMessage || <span className="muted">{DASH}</span>}</td>
                <td>{v.createdBy}</td>
                <td className="nowrap">{formatDateTime(v.createdAt)}</td>
                <td className="num" data-testid="usage-runs">{u?.runs ?? DASH}</td>
                <td className="num">{u?.errors ?? DASH}</td>
                <td className="num">{formatMs(u?.avgTotalMs)}</td>
                <td className="num">{formatMs(u?.p95TotalMs)}</td>
                <td data-testid="usage-flags">
                  {u === undefined || u.flagged === 0 ? (
                    <span className="muted">{u === undefined ? DASH : 'none'}</span>
                  ) : (
                    <span title={u.flags.map((f) => `${f.flag}: ${f.runs} ${f.runs === 1 ? 'run' : 'runs'}`).join('\n')}>
                      {u.flagged} · {u.flags.map((f) => `${f.flag} ${f.runs}`).join(', ')}
                    </span>
                  )}
                </td>
                <td className="nowrap">
                  <button type="button" className="btn btn-tiny btn-ghost" onClick={() => onEditFrom(v)}>Edit from</button>
                  {v.version > 1 && (
                    <button type="button" className="btn btn-tiny btn-ghost" onClick={() => onCompare(v.version - 1, v.version)}>
                      Diff with {v.version - 1}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
