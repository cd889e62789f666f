/** A minimal client of the HTTP transport, as a browser or API client uses it. */
export async function post(base: string, method: string, input: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: unknown; error?: { code: string; message: string; hint?: string } };
  return { status: res.status, ...body };
}

/** Reads the session's server-sent events until `until` says stop. */
export async function collectEvents(base: string, token: string, signal: AbortSignal, onEvent: (e: Record<string, unknown>) => void) {
  const res = await fetch(`${base}api/events`, { headers: { authorization: `Bearer ${token}` }, signal });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let idx;
      while ((idx = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        for (const line of block.split('\n')) if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)) as Record<string, unknown>);
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  }
}
