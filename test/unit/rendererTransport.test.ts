import { describe, expect, it } from 'vitest';
import { toCallOutcome } from '../../renderer/src/transport/callOutcome';
import { SseParser } from '../../renderer/src/transport/sseParser';

describe('renderer transport pieces', () => {
  it('parses server-sent events split across arbitrary chunks, skipping keep-alives', () => {
    const got: string[] = [];
    const parser = new SseParser((d) => got.push(d));
    const stream = ': connected\n\ndata: {"a":1}\n\n: keep-alive\n\ndata: {"b":2}\r\n\r\ndata: line1\ndata: line2\n\n';
    // Feed one character at a time: the worst case of network chunking.
    for (const ch of stream) parser.push(ch);
    expect(got).toEqual(['{"a":1}', '{"b":2}', 'line1\nline2']);
  });

  it('keeps an incomplete event until its blank line arrives', () => {
    const got: string[] = [];
    const parser = new SseParser((d) => got.push(d));
    parser.push('data: {"x":');
    expect(got).toEqual([]);
    parser.push('1}\n\n');
    expect(got).toEqual(['{"x":1}']);
  });

  it('accepts only well-formed answers from the desktop bridge', () => {
    expect(toCallOutcome({ ok: true, result: [1] })).toEqual({ ok: true, result: [1] });
    expect(toCallOutcome({ ok: false, error: { code: 'FORBIDDEN', message: 'no', hint: 'ask' } })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'no', hint: 'ask' },
    });
    for (const junk of [null, 'x', { ok: 'yes' }, { ok: false, error: { code: 'NOPE', message: 1 } }]) {
      expect(toCallOutcome(junk)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    }
  });
});
