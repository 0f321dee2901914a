/**
 * Runs the real `topswitch` CLI as a child process, as a user's shell would: its own Node, stdin
 * piped, exit code and both streams collected. Node with tsx's loader, not `npx tsx`: npx resolves
 * the package on every spawn, which costs a second of CPU per command on these shared machines.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env: Record<string, string | undefined>;
  /** Written to stdin, which is then closed; left open when undefined and `keepStdin` is set. */
  readonly input?: string;
  readonly keepStdin?: boolean;
  readonly onStdout?: (soFar: string) => void;
}

export function spawnCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/index.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin.end(options.input);
    else if (!options.keepStdin) child.stdin.end();
  });
}
