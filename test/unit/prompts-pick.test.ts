import { beforeEach, describe, expect, it } from 'vitest';
import { usePromptPick, withPickedPrompt } from '../../renderer/src/prompts/promptPickStore';

// What the playground sends when a saved prompt is picked: its pinned model and
// mode are left to the core (which resolves the pin at run time) until the user
// changes them after picking.
describe('playground prompt pick', () => {
  const form = { model: 'demo-assistant@1', prompt: 'typed text', params: { mode: 'chat' as const, system: 'typed system', temperature: 0.5 }, streamId: 'a'.repeat(32) };
  beforeEach(() => usePromptPick.setState({ ref: '', vars: {}, pins: null, overridden: { model: false, mode: false } }));

  it('sends the playground run unchanged when no prompt is picked', () => {
    expect(withPickedPrompt(form)).toEqual(form);
  });

  it('lets the pinned model and mode apply, and keeps typed parameters', () => {
    const pick = usePromptPick.getState();
    pick.setRef('greet@production');
    pick.setVar('name', 'Ada');
    usePromptPick.getState().setPins({ model: 'demo-assistant@production', mode: 'completion' });
    expect(withPickedPrompt(form)).toEqual({ streamId: form.streamId, params: { temperature: 0.5 }, promptRef: 'greet@production', vars: { name: 'Ada' } });
  });

  it('sends the user’s model and mode once changed after picking, and forgets that on a new pick', () => {
    usePromptPick.getState().setRef('greet@production');
    usePromptPick.getState().setPins({ model: 'demo-assistant@production', mode: 'completion' });
    usePromptPick.getState().override('model');
    expect(withPickedPrompt(form)).toMatchObject({ model: 'demo-assistant@1', params: { temperature: 0.5 } });
    expect(withPickedPrompt(form).params).not.toHaveProperty('mode');
    usePromptPick.getState().override('mode');
    expect(withPickedPrompt(form).params).toEqual({ mode: 'chat', temperature: 0.5 });

    usePromptPick.getState().setRef('greet@2');
    usePromptPick.getState().setPins({ model: 'demo-assistant@2', mode: null });
    // A prompt that pins no mode leaves the playground's mode in place.
    expect(withPickedPrompt(form)).toEqual({ streamId: form.streamId, params: { mode: 'chat', temperature: 0.5 }, promptRef: 'greet@2', vars: {} });
  });
});
