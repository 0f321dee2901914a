import { describe, expect, it } from 'vitest';
import {
  centreOnWorkArea,
  mainWindowOptions,
  secureWebPreferences,
  switcherWindowOptions,
  SWITCHER_SIZE,
  viewHash,
} from '../../../electron/main/window-options.js';

const PRELOAD = '/opt/TopSwitch/resources/app.asar/out/preload/index.cjs';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences(PRELOAD);

  it('isolates, sandboxes and keeps Node out of every part of the page', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and the risky extras off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      enableWebSQL: false,
    });
    // Never switched on by name: these would re-open what the flags above close.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('uses the .cjs preload, by absolute path', () => {
    expect(prefs.preload).toBe(PRELOAD);
    expect(() => secureWebPreferences('/app/out/preload/index.mjs')).toThrow(/\.cjs/);
    expect(() => secureWebPreferences('out/preload/index.cjs')).toThrow(/absolute/);
  });
});

describe('window options', () => {
  const prefs = secureWebPreferences(PRELOAD);

  it('makes the switcher a hidden, frameless, always-on-top panel off the taskbar', () => {
    const options = switcherWindowOptions(prefs, 'linux');
    expect(options).toMatchObject({ show: false, frame: false, alwaysOnTop: true, skipTaskbar: true, resizable: false, fullscreenable: false });
    expect(options.webPreferences).toBe(prefs);
    expect(options).not.toHaveProperty('type');
    expect(switcherWindowOptions(prefs, 'darwin').type).toBe('panel');
  });

  it('makes the main window a normal framed window with the same secure preferences', () => {
    const options = mainWindowOptions(prefs);
    expect(options.frame).not.toBe(false);
    expect(options.alwaysOnTop).not.toBe(true);
    expect(options.webPreferences).toBe(prefs);
    expect(options.minWidth).toBeGreaterThan(0);
  });

  it('names views by hash, with the switcher as the bare page', () => {
    expect(viewHash('switcher')).toBe('');
    expect(viewHash('main')).toBe('main');
    expect(viewHash('settings')).toBe('settings');
  });
});

describe('centreOnWorkArea', () => {
  it('centres on the work area of a secondary display with a negative origin', () => {
    const workArea = { x: -1920, y: 40, width: 1920, height: 1040 };
    expect(centreOnWorkArea(workArea, SWITCHER_SIZE)).toEqual({
      x: -1920 + (1920 - SWITCHER_SIZE.width) / 2,
      y: 40 + (1040 - SWITCHER_SIZE.height) / 2,
      ...SWITCHER_SIZE,
    });
  });

  it('keeps whole pixels for odd remainders', () => {
    const bounds = centreOnWorkArea({ x: 0, y: 0, width: 1001, height: 701 }, { width: 640, height: 460 });
    expect(bounds).toEqual({ x: 180, y: 120, width: 640, height: 460 });
  });

  it('shrinks the window to a display smaller than it and stays inside', () => {
    const workArea = { x: 100, y: 0, width: 500, height: 300 };
    const bounds = centreOnWorkArea(workArea, { width: 640, height: 460 });
    expect(bounds).toEqual({ x: 100, y: 0, width: 500, height: 300 });
  });
});
