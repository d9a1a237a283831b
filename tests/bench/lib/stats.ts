// Summaries and the printed table of `npm run bench`.

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    median,
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
    runs: values.length,
  };
}

/** The 95th percentile (nearest rank). */
export function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

export type Verdict = 'ok' | 'over budget' | 'reference' | 'info' | 'not measured';

export interface Row {
  what: string;
  measured: string;
  budget: string;
  peer: string;
  verdict: Verdict;
  note?: string;
}

export type Unit = 'ms' | 's' | '/s';

export function formatValue(value: number, unit: Unit): string {
  if (unit === 's') return `${(value / 1000).toFixed(2)} s`;
  if (unit === '/s') return `${Math.round(value).toLocaleString('en-US')}/s`;
  return value >= 1000
    ? `${Math.round(value).toLocaleString('en-US')} ms`
    : `${value.toFixed(0)} ms`;
}

/** `median (min–max, n runs)`; one run prints just the value. */
export function formatSummary(summary: Summary, unit: Unit): string {
  const median = formatValue(summary.median, unit);
  if (summary.runs === 1) return `${median} (1 run)`;
  const range =
    unit === 's'
      ? `${(summary.min / 1000).toFixed(2)}–${(summary.max / 1000).toFixed(2)}`
      : unit === '/s'
        ? `${Math.round(summary.min).toLocaleString('en-US')}–${Math.round(summary.max).toLocaleString('en-US')}`
        : `${summary.min.toFixed(0)}–${summary.max.toFixed(0)}`;
  return `${median} (${range}, n=${summary.runs})`;
}

/** Lower is better (times) unless `higherIsBetter` (throughput). */
export function verdict(value: number, limit: number, higherIsBetter = false): Verdict {
  return (higherIsBetter ? value >= limit : value <= limit) ? 'ok' : 'over budget';
}

export function renderTable(rows: readonly Row[]): string {
  const headers = [
    'what',
    'measured: median (min–max)',
    'budget',
    'peer (architecture.md §7)',
    'verdict',
  ];
  const cells = rows.map((row) => [row.what, row.measured, row.budget, row.peer, row.verdict]);
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((line) => (line[i] as string).length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  const notes = rows
    .filter((row) => row.note)
    .map((row) => `  - ${row.what}: ${row.note}`)
    .join('\n');
  return [line(headers), rule, ...cells.map(line), ...(notes ? ['', notes] : [])].join('\n');
}
