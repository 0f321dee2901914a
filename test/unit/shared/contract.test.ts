/**
 * Contract-level facts the core, the shell and the renderer all lean on.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, DEFAULT_SETTINGS, Settings, defaultSettingsFor, methodName } from '../../../electron/shared/ipc-contract.js';

describe('ipc contract', () => {
  it('gives every channel a distinct window.api method name', () => {
    const names = CHANNEL_NAMES.map((channel) => methodName(channel));
    expect(new Set(names).size).toBe(names.length);
    expect(methodName('topPeers:get')).toBe('topPeersGet');
  });

  it('has valid defaults, with the hotkey macOS users expect on macOS only', () => {
    for (const platform of ['linux', 'win32', 'darwin']) expect(Settings.parse(defaultSettingsFor(platform))).toBeTruthy();
    expect(defaultSettingsFor('darwin').hotkey).toBe('Command+Shift+K');
    expect(defaultSettingsFor('linux').hotkey).toBe(DEFAULT_SETTINGS.hotkey);
    expect(defaultSettingsFor('win32').hotkey).toBe('CommandOrControl+Alt+K');
    // A copy: changing one user's categories never changes the shared default.
    defaultSettingsFor('linux').categories.pop();
    expect(DEFAULT_SETTINGS.categories).toHaveLength(7);
  });
});
