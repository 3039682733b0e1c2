// Prints the board roles a person holds in bot/appsettings.Development.json ("Board" section), so run-local.sh can
// say who you are acting as:   node board-roles.cjs <appsettings.json> <aadObjectId>
// The file is JSON with whole-line // comments (as ASP.NET Core reads it); anything unreadable prints nothing.
'use strict';
const fs = require('fs');
const [file, id] = process.argv.slice(2);
try {
  const text = fs.readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n');
  const board = JSON.parse(text).Board || {};
  const has = (list) => (list || []).some((x) => String(x).toLowerCase() === String(id).toLowerCase());
  const roles = [];
  if (has(board.Coordinators)) roles.push('coordinator');
  if (has(board.DeputyBoardManagers)) roles.push('deputy board manager');
  if (has(board.Chairs)) roles.push('chair');
  if (has(board.BoardAdmins)) roles.push('board admin');
  if (has(board.Auditors)) roles.push('auditor');
  for (const agency of board.Partners || []) if (has(agency.Members)) roles.push(`statutory partner member: ${agency.Name}`);
  console.log(roles.length ? roles.join(', ') : 'no board role (can make referrals)');
} catch {
  // Roles are a courtesy in the banner; never stop the run for them.
}
