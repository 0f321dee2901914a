/**
 * The desktop-integration checks that need a real Electron binary: the desktop command reaching
 * the running instance through the single-instance handoff, the hotkey status and the command in
 * Settings, a source run's own data folder and desktop entry, and the refusal to run unsandboxed
 * unless told. Skipped, with the reason printed, where no Electron binary or display exists.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { baseLaunch, electronExecutable, electronUnavailableReason, ROOT, windowShowing, windowStates } from './support.js';

const unavailable = electronUnavailableReason();
if (unavailable) console.warn(`[skip] Electron desktop-integration tests: ${unavailable}`);
const linux = process.platform === 'linux';

/** Runs the binary to its exit (a second instance hands over and quits at once). */
function runToExit(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((settle, fail) => {
    const child = spawn(electronExecutable(), args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      settle({ code, stderr });
    });
  });
}

describe.skipIf(unavailable !== null)('TopSwitch on a real desktop', () => {
  let app: ElectronApplication | undefined;
  const temps: string[] = [];
  const temp = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temps.push(dir);
    return dir;
  };
  afterEach(async () => {
    await app?.close().catch(() => undefined);
    app = undefined;
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function launchDemo(profile: string): Promise<ElectronApplication> {
    const base = baseLaunch(profile);
    app = await _electron.launch({ executablePath: electronExecutable(), args: [...base.args, '--demo'], env: base.env, timeout: 60_000 });
    return app;
  }
  const switcherVisible = async () => (await windowStates(app!)).find((state) => new URL(state.url).hash === '')?.visible ?? false;

  it('`--toggle` from a second launch shows the switcher with its field focused, and hides it again; --show and --hide too', async () => {
    const profile = temp('topswitch-e2e-toggle-');
    const electron = await launchDemo(profile);
    await windowShowing(electron, 'main');
    const base = baseLaunch(profile);
    const second = (flag: string) => runToExit([...base.args, '--demo', flag], base.env);

    expect((await second('--toggle')).code).toBe(0);
    await expect.poll(switcherVisible).toBe(true);
    const switcher = await windowShowing(electron, '');
    await expect
      .poll(() => switcher.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('role')))
      .toBe('combobox');
    // Whether the window has OS focus is the compositor's call (the activation token's job on Wayland).
    expect((await second('--toggle')).code).toBe(0);
    if ((await windowStates(electron)).find((state) => new URL(state.url).hash === '')?.focused) await expect.poll(switcherVisible).toBe(false);

    expect((await second('--show')).code).toBe(0);
    await expect.poll(switcherVisible).toBe(true);
    expect((await second('--hide')).code).toBe(0);
    await expect.poll(switcherVisible).toBe(false);
  });

  it('tells the page the hotkey’s real state, and Settings shows the command to bind on Linux', async () => {
    const electron = await launchDemo(temp('topswitch-e2e-status-'));
    const main = await windowShowing(electron, 'main');
    const status = await main.evaluate(async () => {
      const api = (globalThis as unknown as { api: { appHotkeyStatus(args: object): Promise<{ ok: boolean; value: { state: string; command: string | null } }> } }).api;
      return (await api.appHotkeyStatus({})).value;
    });
    if (!linux) {
      expect(status.state).toMatch(/registered|unavailable/);
      return;
    }
    expect(status.state).toMatch(/unconfirmed|unavailable/);
    expect(status.command).toMatch(/ --toggle$/);
    await electron.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('settings')?.click());
    const settings = await windowShowing(electron, 'settings');
    await expect.poll(() => settings.getByTestId('hotkey-command').textContent()).toBe(status.command);
  });

  it.skipIf(!linux)('a source run keeps its own data folder and writes its own desktop entry', async () => {
    const config = temp('topswitch-e2e-config-');
    const dataHome = temp('topswitch-e2e-data-');
    const { env } = baseLaunch(config);
    app = await _electron.launch({
      executablePath: electronExecutable(),
      // No --user-data-dir: the development data folder is the app's own choice.
      args: [ROOT, '--demo', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...env, XDG_CONFIG_HOME: config, XDG_DATA_HOME: dataHome },
      timeout: 60_000,
    });
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(join(config, 'TopSwitch (development)', 'demo'));
    const entry = join(dataHome, 'applications', 'org.topswitch.app.dev.desktop');
    await expect.poll(() => existsSync(entry)).toBe(true);
    expect(readFileSync(entry, 'utf8')).toContain(`Exec=${electronExecutable()} ${ROOT}`);
    expect(existsSync(join(dataHome, 'applications', 'org.topswitch.app.desktop'))).toBe(false);
  });

  it.skipIf(!linux)('refuses --no-sandbox that nobody allowed, and says why', async () => {
    const profile = temp('topswitch-e2e-nosandbox-');
    const { env } = baseLaunch(profile);
    delete env.TOPSWITCH_ALLOW_NO_SANDBOX;
    const child = spawn(electronExecutable(), [ROOT, `--user-data-dir=${profile}`, '--no-sandbox'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/does not run unsandboxed without being told to/);
    } finally {
      // The same message is on screen in an error box, which would wait for a click.
      child.kill();
    }
  });
});
