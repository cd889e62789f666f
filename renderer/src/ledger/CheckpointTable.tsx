import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { HashText } from '../components/HashText';
import { formatDateTime } from '../format/format';

type Checkpoints = MethodOutput<'ledger.checkpoints'>;

/** Signed checkpoints, newest first; a row opens its signed note as an offline verifier reads it. */
export function CheckpointTable({ checkpoints }: { checkpoints: Checkpoints }) {
  const [open, setOpen] = useState<number | null>(null);
  if (checkpoints.length === 0) {
    return <p className="muted">No checkpoints yet. The app signs one when it closes and every ten minutes while entries arrive; “Sign checkpoint” signs one now.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Root</th>
            <th scope="col">Signed</th>
            <th scope="col">Why</th>
            <th scope="col">Key</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {checkpoints.map((c) => (
            <tr key={c.seq} data-testid="checkpoint-row">
              <td className="num mono">{c.seq}</td>
              <td className="num">{c.size}</td>
              <td>
                <HashText hash={c.rootHash} what="root hash" />
              </td>
              <td className="nowrap">{formatDateTime(c.at)}</td>
              <td>{c.reason}</td>
              <td>
                <HashText hash={c.keyId} what="key id" />
              </td>
              <td>
                <button type="button" className="btn btn-small" onClick={() => setOpen(open === c.seq ? null : c.seq)}>
                  {open === c.seq ? 'Hide note' : 'Signed note'}
                </button>
                {open === c.seq && <pre className="ledger-note mono">{c.note}</pre>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
