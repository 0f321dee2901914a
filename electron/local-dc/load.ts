/**
 * The one way product code reaches the local DC. Demo mode needs it at run time only, so it is a
 * dynamic import: under Node (CLI, tests) it loads the sources beside this file; in the Electron
 * build the bundler splits the DC into its own chunk next to the main bundle, loaded only when the
 * demo starts, so "Try the demo" works in the packaged app at no cost to a normal start.
 */
import type { StartFakeDcOptions, FakeDc } from './index.js';

export interface LocalDcModule {
  startFakeDc(options: Pick<StartFakeDcOptions, 'world' | 'log'>): Promise<Pick<FakeDc, 'host' | 'port' | 'publicKeyPem' | 'close'>>;
}

export const loadLocalDc = (): Promise<LocalDcModule> => import('./index.js');
