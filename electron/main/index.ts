import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu } from 'electron';
import { Dispatcher } from '../core/api/dispatch';
import { ensureDemoWorkspace } from '../core/demo/demoWorkspace';
import { resolveHome } from '../core/paths';
import { openWorkspace, type Workspace } from '../core/workspace';
import { installIpcBridge } from './ipcBridge';
import { hardenContents, hardenSession } from './security';

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererIndex = join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

function isAppUrl(url: string): boolean {
  return devServerUrl ? url.startsWith(devServerUrl) : url.split('#')[0] === rendererUrl;
}

/**
 * better-sqlite3 is not N-API: Electron needs its own build of it, kept apart
 * from the Node build that tests and the CLI use (`npm run rebuild:electron`).
 */
function sqliteBindingForElectron(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(here, '../../.electron-native/better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}

function homeFromArgs(): string {
  const i = process.argv.indexOf('--home');
  const fromArg = i > -1 ? process.argv[i + 1] : undefined;
  return resolveHome(fromArg ?? process.env.TRIAD_HOME ?? app.getPath('userData'));
}

let workspace: Workspace | null = null;

async function createWindow(): Promise<void> {
  const binding = sqliteBindingForElectron();
  workspace = openWorkspace({ home: homeFromArgs(), ...(binding ? { sqliteNativeBinding: binding } : {}), sampler: { idleMs: 5000 } });
  // The desktop app on an empty home starts on the demo workspace.
  if (workspace.models.count() === 0) await ensureDemoWorkspace(workspace);
  installIpcBridge(new Dispatcher(workspace), isAppUrl);
  hardenSession(devServerUrl);

  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Triad',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadFile(rendererIndex);
}

Menu.setApplicationMenu(null);
app.on('web-contents-created', (_e, contents) => hardenContents(contents, isAppUrl));
app.whenReady().then(createWindow, (err: unknown) => {
  console.error('Triad could not start:', err);
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!workspace) return;
  event.preventDefault();
  const ws = workspace;
  workspace = null;
  void ws.close().finally(() => app.quit());
});
