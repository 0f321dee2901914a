/**
 * Binds the core's router and event bus to Electron's IPC. This is the only place renderer
 * messages enter the main process: the sender is checked here, the arguments by the router.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, eventChannel, invokeChannel, type PushMessage } from '../shared/ipc-contract.js';
import type { EventBus, Router } from '../core/router.js';
import { isTrustedSender } from './sender.js';

export function bindIpc(router: Router, events: EventBus, windows: () => readonly WebContents[]): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(invokeChannel(channel), (event: IpcMainInvokeEvent, args: unknown) => {
      if (!isTrustedSender(event.senderFrame, windows())) {
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This window may not call TopSwitch.' } };
      }
      return router.handle(channel, args);
    });
  }
  const unsubscribe = events.subscribe((event, payload, revision) => {
    if (!EVENT_NAMES.includes(event)) return;
    const message: PushMessage = { value: payload, revision };
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(eventChannel(event), message);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(invokeChannel(channel));
  };
}
