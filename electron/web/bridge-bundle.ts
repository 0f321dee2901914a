/**
 * The page-side bridge (client.ts) as one classic script: the contract, zod and the preload's
 * builder bundled for the browser when browser mode starts. Bundled here rather than by the
 * renderer's build so the Electron app's renderer stays free of a WebSocket client it never uses.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let bundled: Promise<string> | undefined;

export function bridgeScript(): Promise<string> {
  bundled ??= bundleBridge(fileURLToPath(new URL('./client.ts', import.meta.url)));
  return bundled;
}

/** A client.ts as that classic script (the chat bench also bundles an older checkout's, to compare). */
export async function bundleBridge(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}
