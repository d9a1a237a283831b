// `npm run bench [-- options]`: budgets of docs/architecture.md §7 (tests/bench/run.ts, run with
// tsx). Prints one table of figures against the budgets; a report, not a pass/fail test.
// Options: `npm run bench -- --help`. What each figure means: tests/bench/README.md.
import { spawnSync } from 'node:child_process';

const child = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'tests/bench/run.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (child.error) throw child.error;
process.exit(child.status ?? 1);
