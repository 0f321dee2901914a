// Runs Electronegativity's scanner as a library and writes its findings as a JSON report.
//
// Why not its CLI with `-o report.csv`: that writer issues the header write (truncating) and the
// rows write (appending) at once without waiting for either, so now and then the header lands
// last and the report holds no findings (seen here: 1 run in 6). The CLI also drops the per-file
// errors whenever it writes a report, so "no findings" and "scanned nothing" look the same.
// Called as a library, the runner returns both the findings and those errors.
//
// The AvailableSecurityFixes check is left out: it downloads Electron's release list from GitHub,
// which is unreachable here, and the Electron version is pinned in package.json anyway.
//
// Usage: node electronegativity-scan.cjs <tree> <report.json> <electron version>
'use strict';
const { readdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const [input, output, electronVersion] = process.argv.slice(2);
if (!input || !output || !electronVersion) {
  console.error('usage: electronegativity-scan.cjs <tree> <report.json> <electron version>');
  process.exit(2);
}

/** The files the scanner picks, counted by its own rule (its loader reports no count). */
function countScannable(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count += countScannable(path);
    else if (/\.(jsx?|tsx?|html?)$/i.test(entry.name) || entry.name === 'package.json') count++;
  }
  return count;
}

(async () => {
  // The runner sets up its own translations: its attempt to fetch newer strings fails offline,
  // prints a notice and falls back to the bundled ones.
  const run = require('@doyensec/electronegativity');
  const result = await run(
    {
      input,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      isRelative: true,
      electronVersionOverride: electronVersion,
    },
    false,
  );
  const report = {
    files: countScannable(input),
    findings: result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file.replaceAll('\\', '/'),
      location: `${issue.location.line}:${issue.location.column}`,
      sample: issue.sample ?? '',
    })),
    errors: result.errors.map((error) => ({
      file: relative(input, error.file).replaceAll('\\', '/'),
      message: error.message,
      tolerable: error.tolerable,
    })),
  };
  writeFileSync(output, `${JSON.stringify(report, null, 2)}\n`);
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
