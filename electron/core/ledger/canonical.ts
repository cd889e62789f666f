import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON through the `canonicalize` library, so that the
 * bytes committed to the ledger are the same wherever they are recomputed.
 * Refuses values JSON cannot carry rather than silently dropping them.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('This value has no canonical JSON form.');
  return text;
}
