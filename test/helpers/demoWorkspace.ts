import { Dispatcher } from '../../electron/core/api/dispatch';
import { ensureDemoWorkspace } from '../../electron/core/demo/demoWorkspace';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import type { User } from '../../shared/domain';
import { ADMIN, makeTempHome } from './tempHome';

export interface DemoFixture {
  home: string;
  ws: Workspace;
  dispatcher: Dispatcher;
  admin: User;
  close(): Promise<void>;
}

/** A temporary workspace with the admin and the generated demo models, opened in-process. */
export async function openDemoFixture(): Promise<DemoFixture> {
  const { home, cleanup } = makeTempHome();
  const ws = openWorkspace({ home });
  const admin = await ws.users.createFirstAdmin(ADMIN.username, ADMIN.password, 'cli');
  await ensureDemoWorkspace(ws);
  return {
    home,
    ws,
    dispatcher: new Dispatcher(ws),
    admin,
    close: async () => {
      await ws.close();
      cleanup();
    },
  };
}
