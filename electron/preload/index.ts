/**
 * The only bridge between the renderer and the main process. It exposes exactly one method per
 * contract channel (plus `on` for push events) and nothing else: no ipcRenderer, no Node. It also
 * starts the page's first reads (see PREFETCHED) while the page itself is still loading.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { apiTable, buildExposedApi } from '../shared/expose.js';

contextBridge.exposeInMainWorld(
  'api',
  buildExposedApi(
    (transportChannel, args) => ipcRenderer.invoke(transportChannel, args),
    (transportChannel, listener) => {
      // Hand on only the push message (payload and revision), never the IpcRendererEvent (it carries `sender`).
      const wrapped = (_event: unknown, message: unknown) => listener(message);
      ipcRenderer.on(transportChannel, wrapped);
      return () => ipcRenderer.removeListener(transportChannel, wrapped);
    },
    apiTable(),
  ),
);
