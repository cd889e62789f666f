import { TriadError } from '../../../shared/errors';

export type ParsedModelRef =
  | { kind: 'name'; name: string }
  | { kind: 'version'; name: string; version: number }
  | { kind: 'label'; name: string; label: string }
  | { kind: 'sha256'; sha256: string };

/** `NAME`, `NAME@3`, `NAME@label` or `sha256:HEX`. */
export function parseModelRef(ref: string): ParsedModelRef {
  const text = ref.trim();
  if (text.startsWith('sha256:')) {
    const sha256 = text.slice('sha256:'.length).toLowerCase();
    if (!/^[0-9a-f]{6,64}$/.test(sha256)) {
      throw new TriadError('BAD_INPUT', `"${ref}" is not a valid sha256 reference.`, 'Use sha256: followed by hex digits.');
    }
    return { kind: 'sha256', sha256 };
  }
  const at = text.lastIndexOf('@');
  if (at === -1) return { kind: 'name', name: text };
  const name = text.slice(0, at);
  const suffix = text.slice(at + 1);
  if (!name || !suffix) {
    throw new TriadError('BAD_INPUT', `"${ref}" is not a valid model reference.`, 'Use NAME, NAME@VERSION, NAME@LABEL or sha256:HEX.');
  }
  if (/^\d+$/.test(suffix)) return { kind: 'version', name, version: Number(suffix) };
  return { kind: 'label', name, label: suffix };
}
