/**
 * Electronegativity (Doyensec's Electron security scanner) over the shell's and the renderer's
 * sources. It exits 0 whatever it finds, so the gate is its report: every HIGH or MEDIUM finding
 * must be in electronegativity-allow.ts with a reason. The report is written by
 * electronegativity-scan.cjs from the scanner's own result (the CLI's CSV writer races with
 * itself, see there). A scanner that silently found nothing must fail the test, not pass it, so
 * a deliberately insecure canary file is scanned along, and files it could not parse fail it.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_FINDINGS } from './electronegativity-allow.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const CANARY = 'canary/insecure-window.js';

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  /** Path relative to the scanned tree. */
  file: string;
  location: string;
  sample: string;
}

/** What electronegativity-scan.cjs writes. */
interface ScanReport {
  /** Files in the tree the scanner reads (sources, pages, package.json). */
  files: number;
  findings: Finding[];
  /** Files the scanner could not parse or check: it skips them without a finding. */
  errors: { file: string; message: string; tolerable: boolean }[];
}

let work: string;
let findings: Finding[];
let scan: ScanReport;
let scanOutput: string;

beforeAll(async () => {
  // Inside the project (test-results/ is git-ignored), so the scanned paths depend on nothing
  // outside the clone.
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'test-results', 'electronegativity-'));
  const tree = join(work, 'scan');
  // What runs in Electron: the shell and core sources, the renderer's page and scripts, and
  // package.json (the scanner reads the Electron version from it).
  cpSync(join(ROOT, 'electron'), join(tree, 'electron'), { recursive: true });
  cpSync(join(ROOT, 'renderer/index.html'), join(tree, 'renderer/index.html'));
  if (existsSync(join(ROOT, 'renderer/src'))) cpSync(join(ROOT, 'renderer/src'), join(tree, 'renderer/src'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(tree, 'package.json'));
  mkdirSync(join(tree, 'canary'));
  writeFileSync(
    join(tree, CANARY),
    "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });\n",
  );
  const report = join(work, 'report.json');
  // The scanner skips every path that contains "node_modules"; a tree under one would scan nothing.
  expect(tree, 'scan tree must not sit under a node_modules folder').not.toContain('node_modules');
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(import.meta.dirname, 'electronegativity-scan.cjs'), tree, report, ELECTRON_VERSION],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  scanOutput = `${stdout}${stderr}`;
  scan = JSON.parse(readFileSync(report, 'utf8')) as ScanReport;
  findings = scan.findings;
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const serious = () => findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM');
const allowed = (finding: Finding) => ALLOWED_FINDINGS.some((entry) => entry.check === finding.check && entry.file === finding.file);

describe('electronegativity scan', () => {
  it('works here: it reads every file and flags the insecure canary window', () => {
    const failed = scan.errors.filter((error) => !error.tolerable).map((error) => `${error.file}: ${error.message}`);
    expect(failed, `files the scanner could not check\n${scanOutput}`).toEqual([]);
    expect(scan.files, `scanner output:\n${scanOutput}`).toBeGreaterThan(50);
    const canary = findings.filter((finding) => finding.file === CANARY).map((finding) => finding.check);
    expect(canary, `scanner output:\n${scanOutput}`).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']));
  });

  it('finds nothing HIGH or MEDIUM in our code that is not justified in the allow-list', () => {
    const unexplained = serious()
      .filter((finding) => finding.file !== CANARY && !allowed(finding))
      .map((finding) => `${finding.severity} ${finding.check} ${finding.file}:${finding.location} ${finding.sample}`);
    expect(unexplained).toEqual([]);
  });

  it('keeps no stale justifications, and gives each a reason', () => {
    for (const entry of ALLOWED_FINDINGS) {
      expect(entry.reason.length, `${entry.check} ${entry.file}`).toBeGreaterThan(20);
      expect(
        findings.some((finding) => finding.check === entry.check && finding.file === entry.file),
        `allow-list entry ${entry.check} ${entry.file} matches no finding any more: remove it`,
      ).toBe(true);
    }
  });
});
