/**
 * App lifecycle only: single instance, ready, quit. Everything else lives in its own module.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createRouter, EventBus, type Handlers } from '../core/router.js';
import { bindIpc } from './ipc.js';

const versionOnly = {
  'app:version': () => ({ version: app.getVersion(), demo: false }),
} as Partial<Handlers> as Handlers;

app.whenReady().then(() => {
  const window = new BrowserWindow({
    width: 640,
    height: 480,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  bindIpc(createRouter(versionOnly), new EventBus(), () => [window.webContents]);
  void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
});
