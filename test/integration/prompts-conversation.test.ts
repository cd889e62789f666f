import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import type { ReplayResult, RunResult } from '../../shared/domain';
import type { TriadErrorData } from '../../shared/errors';
import type { PromptUsage } from '../../shared/methods/prompts';
import { openDemoFixture, type DemoFixture } from '../helpers/demoWorkspace';

// Multi-turn prompt templates run through the contract on the real demo model,
// and per-version usage counts the flags the post-checks set.
describe('prompt conversations and usage', () => {
  let fx: DemoFixture;
  beforeAll(async () => {
    fx = await openDemoFixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  const call = (method: string, input: unknown) => fx.dispatcher.invoke({ method, input, credentials: { kind: 'user', user: fx.admin }, source: 'cli' });
  const failure = async (p: Promise<unknown>): Promise<TriadErrorData> => {
    try {
      await p;
    } catch (err) {
      return err as TriadErrorData;
    }
    throw new Error('expected the call to fail');
  };
  const traceCount = () => (fx.ws.db.prepare('SELECT count(*) AS n FROM traces').get() as { n: number }).n;

  const last = { role: 'user', content: 'And what about {{topic}}?' } as const;
  const conversation = {
    system: 'You answer questions about {{topic}}.',
    messages: [
      { role: 'user', content: 'What is {{topic}}?' },
      { role: 'assistant', content: '{{topic}} is a way of paying for things across borders.' },
      last,
    ],
    params: { temperature: 0, maxTokens: 64 },
    model: 'demo-assistant@1',
  };

  it('runs a multi-turn template: earlier turns reach the model and the trace', async () => {
    await call('prompts.create', { name: 'talk', content: conversation, commitMessage: 'three turns' });
    await call('prompts.create', { name: 'single', content: { ...conversation, messages: [last] }, commitMessage: 'last turn only' });
    const vars = { topic: 'SEPA' };
    const multi = (await call('runs.create', { promptRef: 'talk', vars })) as RunResult;
    const single = (await call('runs.create', { promptRef: 'single', vars })) as RunResult;
    // The known-sentence model answers the same whatever it is told; the run must still succeed.
    expect(multi.output).toBe(DEMO_SENTENCES[1]);
    expect(single.output).toBe(DEMO_SENTENCES[1]);
    // The earlier turns were evaluated: the model read more tokens for the same last message.
    expect(multi.usage.inputTokens).toBeGreaterThan(single.usage.inputTokens + 10);

    const trace = fx.ws.traces.get(multi.traceId);
    expect(trace.input).toBe('And what about SEPA?');
    const rendered = [
      { role: 'system', content: 'You answer questions about SEPA.' },
      { role: 'user', content: 'What is SEPA?' },
      { role: 'assistant', content: 'SEPA is a way of paying for things across borders.' },
      { role: 'user', content: 'And what about SEPA?' },
    ];
    expect(trace.prompt?.messages).toEqual(rendered);
    expect(trace.inputMessages).toEqual(rendered);
    expect(trace.usage?.inputTokens).toBe(multi.usage.inputTokens);
  });

  it('replays a multi-turn run with its earlier turns', async () => {
    const run = (await call('runs.create', { promptRef: 'talk', vars: { topic: 'SWIFT' } })) as RunResult;
    const replay = (await call('traces.replay', { id: run.traceId })) as ReplayResult;
    expect(replay.identical).toBe(true);
    const again = fx.ws.traces.get(replay.replayTraceId);
    expect(again.inputMessages).toEqual(fx.ws.traces.get(run.traceId).inputMessages);
    expect(again.usage?.inputTokens).toBe(run.usage.inputTokens);
  });

  it('refuses what a conversation cannot be, and records nothing', async () => {
    const before = traceCount();
    await call('prompts.create', {
      name: 'dangling',
      content: { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }], model: 'demo-assistant@1' },
    });
    const dangling = await failure(call('runs.create', { promptRef: 'dangling', vars: {} }));
    expect(dangling.code).toBe('BAD_INPUT');
    expect(dangling.message).toMatch(/ends with an assistant message/);
    const completion = await failure(call('runs.create', { promptRef: 'talk', vars: { topic: 'x' }, params: { mode: 'completion' } }));
    expect(completion.code).toBe('BAD_INPUT');
    expect(completion.message).toMatch(/chat mode only/);
    expect(traceCount()).toBe(before);
  });

  it('counts flagged runs per version, by flag, and says there are no evals yet', async () => {
    // An output schema the answer cannot complete within two tokens: the JSON post-check flags the run.
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    await call('prompts.create', { name: 'structured', content: { messages: [{ role: 'user', content: 'Answer {{q}}' }], outputSchema: schema, model: 'demo-assistant@1' } });
    const cut = (await call('runs.create', { promptRef: 'structured', vars: { q: 'a' }, params: { maxTokens: 2, temperature: 0 } })) as RunResult;
    expect(fx.ws.traces.get(cut.traceId).flags).toEqual(['json_invalid']);
    await call('runs.create', { promptRef: 'structured', vars: { q: 'b' }, params: { maxTokens: 2, temperature: 0 } });
    await call('prompts.addVersion', { name: 'structured', content: { messages: [{ role: 'user', content: 'Reply to {{q}}' }], model: 'demo-assistant@1' } });
    await call('runs.create', { promptRef: 'structured@2', vars: { q: 'c' }, params: { temperature: 0 } });

    const usage = (await call('prompts.usage', { name: 'structured' })) as PromptUsage[];
    expect(usage.find((u) => u.version === 1)).toMatchObject({ runs: 2, flagged: 2, flags: [{ flag: 'json_invalid', runs: 2 }], evalPassRate: null });
    expect(usage.find((u) => u.version === 2)).toMatchObject({ runs: 1, flagged: 0, flags: [], evalPassRate: null });
  });
});
