import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../version';
import { registerDemo } from './commands/demo';
import { registerInit } from './commands/init';
import { registerLedger } from './commands/ledger';
import { registerModels } from './commands/models';
import { registerPrompts } from './commands/prompts';
import { registerRetention } from './commands/retention';
import { registerRun } from './commands/run';
import { registerServe } from './commands/serve';
import { registerSettings } from './commands/settings';
import { registerTokens } from './commands/tokens';
import { registerTraces } from './commands/traces';
import { registerUsers } from './commands/users';
import { registerWhoami } from './commands/whoami';
import { printError } from './output';

export function buildProgram(): Command {
  const program = new Command('triad')
    .description('Triad: run local language models with versioning, tracing and governance. Nothing leaves this machine.')
    .version(APP_VERSION)
    .option('--home <dir>', 'workspace folder (default: TRIAD_HOME or the OS app-data folder)')
    .showHelpAfterError()
    .exitOverride();
  program.addHelpText(
    'after',
    '\nIdentity: commands act as the owner of TRIAD_TOKEN (an API token) or as TRIAD_USER, proven by TRIAD_PASSWORD (or a prompt on a terminal).\n',
  );
  registerInit(program);
  registerDemo(program);
  registerServe(program);
  registerRun(program);
  registerTraces(program);
  registerModels(program);
  registerPrompts(program);
  registerWhoami(program);
  registerUsers(program);
  registerTokens(program);
  registerLedger(program);
  registerRetention(program);
  registerSettings(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit "successfully" through the same path.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    printError(err);
    return 1;
  }
}
