import type { WireCell } from '../../../shared/api/imports';
import type { ColumnMapping } from '../../../shared/import';
import type { PlanContext, PreviewPlan, ReadFailure, ReadSheet } from './importJob';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

/** Reads files and dry-runs mappings away from the page (a worker in the app; tests fake it). */
export interface ImportRunner {
  read(file: Blob): Promise<ReadSheet>;
  plan(
    rows: WireCell[][],
    mapping: ColumnMapping,
    context: PlanContext,
    onProgress: (done: number, total: number) => void,
  ): Promise<PreviewPlan>;
  close(): void;
}

/** A failure of the worker, with the reason the page puts in words. */
export class RunnerError extends Error {
  constructor(readonly code: ReadFailure | 'failed') {
    super(code);
  }
}

/** The import worker, started on the import screen only and stopped when it closes. */
export function workerRunner(): ImportRunner {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  let next = 0;
  const waiting = new Map<
    number,
    { resolve: (reply: WorkerReply) => void; onProgress?: (done: number, total: number) => void }
  >();
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const message = event.data;
    const pending = waiting.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') pending.onProgress?.(message.done, message.total);
    else {
      waiting.delete(message.id);
      pending.resolve(message);
    }
  };
  worker.onerror = () => {
    for (const [id, pending] of waiting) pending.resolve({ id, type: 'error', code: 'failed' });
    waiting.clear();
  };
  type Unnumbered<R> = R extends WorkerRequest ? Omit<R, 'id'> : never;
  const ask = (
    request: Unnumbered<WorkerRequest>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<WorkerReply> =>
    new Promise((resolve) => {
      const id = ++next;
      waiting.set(id, { resolve, onProgress });
      worker.postMessage({ ...request, id });
    });
  return {
    async read(file) {
      const reply = await ask({ type: 'read', file });
      if (reply.type === 'read') return reply.sheet;
      throw new RunnerError(reply.type === 'error' ? reply.code : 'failed');
    },
    async plan(rows, mapping, context, onProgress) {
      const reply = await ask({ type: 'plan', rows, mapping, context }, onProgress);
      if (reply.type === 'plan') return reply.plan;
      throw new RunnerError(reply.type === 'error' ? reply.code : 'failed');
    },
    close() {
      worker.terminate();
    },
  };
}
