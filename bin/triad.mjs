#!/usr/bin/env node
// The `triad` command. The core is TypeScript; tsx compiles it on the fly so
// `npx triad` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
// `triad … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../electron/core/cli/main.ts');
const code = await main(process.argv);
// `serve` keeps running; every other command ends here.
if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
