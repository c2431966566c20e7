// Stops every process the run started that is still alive, however its test ended, and fails the
// run when a test left one behind. Only processes recorded in the run's directory count: services
// started before the run (redis-server and clamd from scripts/ci/*.sh) are never touched.
const fs = require('node:fs');
const path = require('node:path');

const SETTLE_MS = 3_000; // a child signalled just before its test ended may still be exiting
const GRACE_MS = 5_000; // between SIGTERM and SIGKILL

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function target(record) {
  return record.group ? -record.pid : record.pid;
}

function alive(record) {
  try {
    process.kill(target(record), 0);
  } catch {
    return false;
  }
  if (record.group) return true;
  // A single pid: a zombie or a reused pid running something else is not ours.
  try {
    const stat = fs.readFileSync(`/proc/${record.pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false;
    const comm = fs.readFileSync(`/proc/${record.pid}/comm`, 'utf8').trim();
    return !record.command || comm === record.command;
  } catch {
    return true;
  }
}

function signal(record, name) {
  try {
    process.kill(target(record), name);
  } catch {
    // already gone
  }
}

async function waitGone(records, ms) {
  const until = Date.now() + ms;
  let left = records.filter(alive);
  while (left.length > 0 && Date.now() < until) {
    await sleep(100);
    left = left.filter(alive);
  }
  return left;
}

module.exports = async function globalTeardown() {
  const runDir = process.env.SKILLGRAPH_TEST_RUN_DIR;
  if (!runDir || !fs.existsSync(runDir)) return;
  const dir = path.join(runDir, 'processes');
  const records = fs.existsSync(dir) ? fs.readdirSync(dir).map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))) : [];

  let left = await waitGone(records, SETTLE_MS);
  const stopped = [...left];
  for (const record of left) signal(record, 'SIGTERM');
  left = await waitGone(left, GRACE_MS);
  for (const record of left) signal(record, 'SIGKILL');
  left = await waitGone(left, GRACE_MS);

  const describe = (record) =>
    `${record.label} (pid ${record.pid}${record.group ? ', its process group' : ''}) started by ${path.relative(process.cwd(), record.testPath)}`;
  const services = stopped.filter((record) => record.kind === 'service');
  const leaks = stopped.filter((record) => record.kind !== 'service');
  for (const record of services) console.log(`Stopped a service this run started: ${describe(record)}`);
  if (leaks.length > 0) {
    const report = leaks.map((record) => `  - ${describe(record)}`).join('\n');
    fs.writeFileSync(path.join(runDir, 'leaked-processes.txt'), `${report}\n`);
    const survivors = left.length > 0 ? `\nStill alive after SIGKILL: ${left.map((record) => record.pid).join(', ')}` : '';
    throw new Error(
      `Tests left ${leaks.length} process group(s) running; the teardown stopped them (list in ${runDir}/leaked-processes.txt):\n${report}${survivors}`,
    );
  }
  fs.rmSync(runDir, { recursive: true, force: true });
};
