import { TriadError } from '../../../../shared/errors';
import { PROMPT_ACCESS } from '../../../../shared/methods/prompts';
import { roleMayCall, type Access } from '../../../../shared/permissions';
import { actorOf } from '../../governance/users';
import { publicPromptVersion } from '../../prompts/promptRegistry';
import { isProtectedLabel } from '../../prompts/promptLabels';
import type { CallContext } from '../callContext';
import { signedIn, type AreaFactory } from './types';

/** Label moves: a protected label needs the approve permission, any other the write permission. */
function mayMoveLabel(ctx: CallContext, label: string, rollback: boolean) {
  const user = signedIn(ctx);
  const needed: Access[] = isProtectedLabel(label)
    ? rollback
      ? [PROMPT_ACCESS.approve, PROMPT_ACCESS.write]
      : [PROMPT_ACCESS.approve]
    : [PROMPT_ACCESS.write];
  if (!needed.some((access) => roleMayCall(user.role, access))) {
    throw new TriadError(
      'FORBIDDEN',
      `The ${user.role} role may not move the ${isProtectedLabel(label) ? 'protected ' : ''}label "${label}" (needs "${needed.join('" or "')}").`,
      isProtectedLabel(label) ? 'Ask a reviewer or another approver to promote the version.' : 'Ask an engineer or administrator.',
    );
  }
  return user;
}

export const promptsHandlers: AreaFactory<'prompts'> = (ws) => ({
  'prompts.list': () => ws.prompts.registry.list(),
  'prompts.get': (_ctx, input) => ws.prompts.detail(input.name),
  'prompts.resolve': (_ctx, input) => publicPromptVersion(ws.prompts.registry.resolve(input.ref)),
  'prompts.create': (ctx, input) => {
    const { version } = ws.prompts.registry.add(
      { name: input.name, content: input.content, commitMessage: input.commitMessage, actor: actorOf(signedIn(ctx)), source: ctx.source },
      'create',
    );
    return { version: publicPromptVersion(version) };
  },
  'prompts.addVersion': (ctx, input) => {
    const { version, duplicate } = ws.prompts.registry.add(
      { name: input.name, content: input.content, commitMessage: input.commitMessage, actor: actorOf(signedIn(ctx)), source: ctx.source },
      'version',
    );
    return { version: publicPromptVersion(version), duplicate };
  },
  'prompts.setLabel': (ctx, input) => {
    const user = mayMoveLabel(ctx, input.label, false);
    return ws.prompts.labels.set({ name: input.name, label: input.label, version: input.version, actor: actorOf(user), source: ctx.source });
  },
  'prompts.rollback': (ctx, input) => {
    const user = mayMoveLabel(ctx, input.label, true);
    return ws.prompts.labels.rollback({ name: input.name, label: input.label, actor: actorOf(user), source: ctx.source });
  },
  'prompts.diff': (_ctx, input) => ws.prompts.diff(input.from, input.to),
  'prompts.render': (_ctx, input) => ws.prompts.render(input.ref, input.vars),
  'prompts.preview': (_ctx, input) => ws.prompts.preview(input.content, input.vars),
  'prompts.usage': (_ctx, input) => ws.prompts.usage(input.name),
  'prompts.export': (_ctx, input) => ws.prompts.exchange.export(input.names),
  'prompts.import': (ctx, input) => ws.prompts.importYaml(input.yaml, actorOf(signedIn(ctx)), ctx.source),
});
