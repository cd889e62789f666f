import type { ChatHistoryItem } from 'node-llama-cpp';
import type { ChatTurn } from './generation';

/**
 * Earlier turns as node-llama-cpp's chat history. The session already holds the
 * system prompt (from `systemPrompt`), so these go after it; the last user
 * message is not here: it is the prompt the session answers.
 */
export function historyItems(turns: readonly ChatTurn[]): ChatHistoryItem[] {
  return turns.map((t) => (t.role === 'user' ? { type: 'user', text: t.content } : { type: 'model', response: [t.content] }));
}
