// Sums Vitest JSON reports; fails when a required tier (PostgreSQL db, browser) skipped anything or when a test failed.
import { readFileSync } from 'node:fs';

const [defaultReport, ...strictReports] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let problems = 0;
for (const file of [defaultReport, ...strictReports]) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skippedHere = report.numPendingTests + report.numTodoTests;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += skippedHere;
  console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skippedHere} skipped`);
  if (report.numTotalTests === 0) {
    console.log(`  ran no test`);
    problems++;
  }
  if (strictReports.includes(file) && skippedHere > 0) {
    for (const suite of report.testResults) {
      for (const t of suite.assertionResults) if (t.status !== 'passed' && t.status !== 'failed') console.log(`  skipped in a required tier: ${t.fullName}`);
    }
    problems++;
  }
}
console.log(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems > 0 ? 1 : 0);
