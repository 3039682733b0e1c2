// Runs a Node CLI (Azurite, the Agents Playground) for the tests and ends it when the test host goes away:
//   node exit-with-parent.cjs <script> [args...]
// The tests hold the write end of this process's stdin; when the test host exits, even by a crash or a
// kill, that pipe closes and the CLI is stopped, so no emulator is left running after a test run.
// The CLI runs as a child with its own empty stdin, so nothing it does with stdin interferes.
'use strict';
const { spawn } = require('child_process');

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node exit-with-parent.cjs <script> [args...]');
  process.exit(2);
}

const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  console.error(`could not start ${script}: ${err.message}`);
  process.exit(1);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
}
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
