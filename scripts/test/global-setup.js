// Creates the run's temporary directory: test support records there every process it starts
// (test/support/child-processes.ts) and every reason it skips (test/support/skips.ts). Jest's
// workers start after this and inherit the variable.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-jest-'));
  process.env.SKILLGRAPH_TEST_RUN_DIR = runDir;
};
