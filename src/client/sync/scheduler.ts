import { signal } from '@preact/signals';
import { ApiError, type FailureCode } from '../api/http';
import type { TambonDatabase } from '../db/database';
import type { SyncEngine, SyncProgress } from './engine';

export type SyncPhase = 'idle' | 'syncing' | 'waiting-retry';

export interface SyncStatus {
  phase: SyncPhase;
  progress: SyncProgress | null;
  /** Why the last run failed, until one succeeds. */
  lastError: FailureCode | null;
  /** When the next automatic retry runs, after a failure. */
  retryAt: number | null;
}

export const syncStatus = signal<SyncStatus>({
  phase: 'idle',
  progress: null,
  lastError: null,
  retryAt: null,
});

export const SYNC_INTERVAL_MS = 3 * 60 * 1000;
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 5 * 60 * 1000;
const AFTER_EDIT_DELAY_MS = 2_000;
const LOCK_NAME = 'tambon-field-sync';

/** Exponential backoff with full jitter: a fleet of phones coming back online doesn't stampede. */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs the engine at the right moments: on start, when the device comes back online, when the
 * app becomes visible, every few minutes while online, shortly after an edit, and on "Sync now".
 * Only one tab of the browser syncs at a time (`navigator.locks`); the others see its results
 * through the database.
 */
export class SyncScheduler {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly stops: Array<() => void> = [];

  constructor(readonly engine: SyncEngine) {}

  get database(): TambonDatabase {
    return this.engine.database;
  }

  start(): void {
    const onOnline = () => this.requestSync();
    const onVisible = () => {
      if (document.visibilityState === 'visible') this.requestSync();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    const interval = setInterval(() => {
      if (navigator.onLine) this.requestSync();
    }, SYNC_INTERVAL_MS);
    this.stops.push(
      () => window.removeEventListener('online', onOnline),
      () => document.removeEventListener('visibilitychange', onVisible),
      () => clearInterval(interval),
    );
    this.requestSync();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A sync soon after local edits, so they leave the device as early as the network allows. */
  afterEdit(): void {
    this.schedule(AFTER_EDIT_DELAY_MS);
  }

  /** Syncs now (or right after the run in progress). Resolves when that run ends. */
  requestSync(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runExclusive().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.requestSync();
      }
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.requestSync(), delayMs);
  }

  private async runExclusive(): Promise<void> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      syncStatus.value = { ...syncStatus.value, phase: 'idle', lastError: 'offline' };
      return;
    }
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return this.run();
    await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock) await this.run();
    });
  }

  private async run(): Promise<void> {
    syncStatus.value = { phase: 'syncing', progress: null, lastError: null, retryAt: null };
    try {
      await this.engine.sync((progress) => {
        syncStatus.value = { ...syncStatus.value, progress };
      });
      this.failures = 0;
      syncStatus.value = { phase: 'idle', progress: null, lastError: null, retryAt: null };
    } catch (error) {
      const code: FailureCode = error instanceof ApiError ? error.code : 'unknown';
      this.failures += 1;
      const sessionOver = error instanceof ApiError && error.status === 401;
      const offline = code === 'offline';
      if (sessionOver || offline || code === 'upgrade_required') {
        syncStatus.value = { phase: 'idle', progress: null, lastError: code, retryAt: null };
        return;
      }
      const delay = retryDelay(this.failures);
      syncStatus.value = {
        phase: 'waiting-retry',
        progress: null,
        lastError: code,
        retryAt: Date.now() + delay,
      };
      this.schedule(delay);
    }
  }
}
