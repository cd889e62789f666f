import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

// The dependency direction of ../shared/DESIGN.md is a lint rule, not goodwill:
// these prove the rule fires on the imports it must refuse.
describe('import boundaries', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const messages = async (file: string, code: string) =>
    (await eslint.lintText(code, { filePath: `${ROOT}/${file}` }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');

  it('fails when core imports electron', async () => {
    expect(await messages('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('fails when the renderer imports main-process code, but allows import type', async () => {
    expect(await messages('renderer/src/x.ts', "import { Dispatcher } from '../../electron/core/api/dispatch';\nexport const d = Dispatcher;\n")).toHaveLength(1);
    expect(await messages('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
    expect(await messages('renderer/src/y.ts', "import type { Workspace } from '../../electron/core/workspace';\nexport type W = Workspace;\n")).toHaveLength(0);
  });

  it('fails when shared imports anything but zod and itself', async () => {
    expect(await messages('shared/x.ts', "import { resolveHome } from '../electron/core/paths';\nexport const r = resolveHome;\n")).toHaveLength(1);
    expect(await messages('shared/y.ts', "import { z } from 'zod';\nimport { ROLES } from './permissions';\nexport const s = z.enum(ROLES);\n")).toHaveLength(0);
  });
});
