// Prints a "Skipped:" block after jest's summary: every skipped test, grouped by file, with the
// reasons its suite registered through test/support/skips.ts. A skip without a registered reason
// is listed as such, so it gets one.
const fs = require('node:fs');
const path = require('node:path');

class SkipReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    // With `-t`, jest reports every test the pattern left out as skipped too: those need no reason.
    this.filtered = Boolean(globalConfig.testNamePattern);
  }

  onRunComplete(_contexts, results) {
    const reasons = new Map();
    const runDir = process.env.SKILLGRAPH_TEST_RUN_DIR;
    const file = runDir && path.join(runDir, 'skips.jsonl');
    if (file && fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const { testPath, reason } = JSON.parse(line);
        if (!reasons.has(testPath)) reasons.set(testPath, new Set());
        reasons.get(testPath).add(reason);
      }
    }
    const lines = [];
    for (const suite of results.testResults) {
      const skipped = suite.testResults.filter((test) => test.status === 'pending' || test.status === 'skipped' || test.status === 'todo');
      if (skipped.length === 0 && !reasons.has(suite.testFilePath)) continue;
      const why = [...(reasons.get(suite.testFilePath) ?? [])];
      if (why.length === 0 && this.filtered) continue;
      lines.push(`  ${path.relative(this.rootDir, suite.testFilePath)}: ${skipped.length} skipped`);
      for (const reason of why) lines.push(`    why: ${reason}`);
      if (why.length === 0) lines.push('    why: no reason registered (use runIf/recordSkip from test/support/skips.ts)');
      for (const test of skipped) lines.push(`    - ${test.fullName}`);
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nSkipped:\n${lines.join('\n')}\n`);
  }
}

module.exports = SkipReporter;
