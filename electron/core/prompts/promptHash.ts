import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { PromptContent } from '../../../shared/methods/prompts';

/**
 * A version is identified by its content: SHA-256 over the canonical JSON
 * (RFC 8785) of what the model sees and how it is sampled. The commit message
 * and author are not part of it, so the same content always hashes the same.
 */
export function promptHash(content: PromptContent): string {
  // The JSON round trip drops undefined fields, so an absent and an undefined parameter hash alike.
  const text = canonicalize(JSON.parse(JSON.stringify(content)));
  if (text === undefined) throw new Error('prompt content cannot be serialised');
  return createHash('sha256').update(text).digest('hex');
}
