import { shortHash } from '../format/format';
import { CopyButton } from './CopyButton';

interface Props {
  hash: string;
  /** Show the whole hash instead of the first characters. */
  full?: boolean;
  what?: string;
}

/** A hash in monospace, shortened unless `full`, with a copy button for the whole value. */
export function HashText({ hash, full = false, what = 'sha256' }: Props) {
  return (
    <span className="hash">
      <code className="mono" title={hash}>
        {full ? hash : shortHash(hash)}
      </code>
      <CopyButton value={hash} what={what} />
    </span>
  );
}
