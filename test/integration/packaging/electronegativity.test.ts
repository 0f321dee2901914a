/**
 * Electronegativity (Doyensec's Electron security scanner) over the shell's and the renderer's
 * sources. It exits 0 whatever it finds, so the gate is its CSV report: every HIGH or MEDIUM
 * finding must be in electronegativity-allow.ts with a reason. A deliberately insecure canary
 * file is scanned along, so a scanner that silently found nothing (a parse failure, a changed
 * output format) fails the test instead of passing it.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  file: string;
  location: string;
  sample: string;
}

/** RFC 4180-ish: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field.trim());
      field = '';
    } else if (char === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field.trim()]);
  return rows;
}

let work: string;
let findings: Finding[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'topswitch-electronegativity-'));
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
  const report = join(work, 'report.csv');
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', tree, '-o', report, '-r', '-v', 'false', '-e', ELECTRON_VERSION],
    { cwd: work, maxBuffer: 16 * 1024 * 1024 },
  );
  const [header, ...rows] = parseCsv(readFileSync(report, 'utf8')).filter((row) => row.length > 1);
  expect(header?.slice(0, 6)).toEqual(['issue', 'severity', 'confidence', 'filename', 'location', 'sample']);
  findings = rows.map(([check, severity, confidence, file, location, sample]) => ({
    check: check!,
    severity: severity!,
    confidence: confidence!,
    file: file!.replaceAll('\\', '/'),
    location: location!,
    sample: sample!,
  }));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const serious = () => findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM');
const allowed = (finding: Finding) => ALLOWED_FINDINGS.some((entry) => entry.check === finding.check && entry.file === finding.file);

describe('electronegativity scan', () => {
  it('works here: it flags the insecure canary window', () => {
    const canary = findings.filter((finding) => finding.file === CANARY).map((finding) => finding.check);
    expect(canary).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']));
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
