// What the server counts about itself for `/metrics`: requests, sync traffic, and, read when
// scraped, what needs a person (open quarantine and conflicts) and the age of the last backup.
import type { MutationResult } from '../../shared/sync/protocol';
import { Counter, Gauge, Histogram, renderMetrics } from './registry';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ScrapedState {
  openQuarantine: number;
  openConflicts: number;
  /** Seconds since the last backup that passed its test restore; null: none. */
  backupAgeSeconds: number | null;
}

export class ServerMetrics {
  readonly requests = new Counter('tambon_http_requests_total', 'HTTP requests answered.');
  readonly requestSeconds = new Histogram(
    'tambon_http_request_duration_seconds',
    'Time to answer an HTTP request.',
    SECONDS,
  );
  readonly pushedMutations = new Counter(
    'tambon_sync_push_mutations_total',
    'Mutations pushed by devices, by outcome.',
  );
  readonly pulledRecords = new Counter(
    'tambon_sync_pull_records_total',
    'Records sent to devices by pulls.',
  );
  readonly syncSeconds = new Histogram(
    'tambon_sync_duration_seconds',
    'Time to answer a push or a pull.',
    SECONDS,
  );
  private readonly quarantine = new Gauge(
    'tambon_quarantine_open',
    'Refused mutations waiting for a supervisor.',
  );
  private readonly conflicts = new Gauge(
    'tambon_conflicts_open',
    'Concurrent edits waiting for a supervisor.',
  );
  private readonly backupAge = new Gauge(
    'tambon_backup_last_good_age_seconds',
    'Seconds since the last backup that passed its test restore (-1: none).',
  );
  private readonly startedAt = new Gauge(
    'tambon_process_start_time_seconds',
    'When this server process started (Unix time).',
  );

  constructor(now: Date = new Date()) {
    this.startedAt.set(now.getTime() / 1000);
  }

  /** `route` is the route's pattern (`/api/admin/users/:id`), never the URL with its ids. */
  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.requestSeconds.observe(seconds, { route });
  }

  pushed(results: readonly Pick<MutationResult, 'status'>[], seconds: number): void {
    for (const result of results) this.pushedMutations.inc({ status: result.status });
    this.syncSeconds.observe(seconds, { kind: 'push' });
  }

  pulled(records: number, seconds: number): void {
    this.pulledRecords.inc({}, records);
    this.syncSeconds.observe(seconds, { kind: 'pull' });
  }

  render(state: ScrapedState): string {
    this.quarantine.set(state.openQuarantine);
    this.conflicts.set(state.openConflicts);
    this.backupAge.set(state.backupAgeSeconds ?? -1);
    return renderMetrics([
      this.requests,
      this.requestSeconds,
      this.pushedMutations,
      this.pulledRecords,
      this.syncSeconds,
      this.quarantine,
      this.conflicts,
      this.backupAge,
      this.startedAt,
    ]);
  }
}
