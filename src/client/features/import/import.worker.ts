import { planRows, readSheetFile, SheetReadError } from './importJob';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

/**
 * The import's worker: reading a file of thousands of rows and dry-running it against the
 * tambon's records takes seconds, so it runs here and the page stays responsive (issue 15).
 */
/** The worker's global, typed as much as this file uses (the client's lib is the DOM's). */
const scope = self as unknown as {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};
const reply = (message: WorkerReply) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'read') {
      reply({ id: request.id, type: 'read', sheet: await readSheetFile(request.file) });
    } else {
      let last = 0;
      const plan = planRows(request.rows, request.mapping, request.context, (done, total) => {
        const now = performance.now();
        if (done < total && now - last < 50) return;
        last = now;
        reply({ id: request.id, type: 'progress', done, total });
      });
      reply({ id: request.id, type: 'plan', plan });
    }
  } catch (error) {
    reply({
      id: request.id,
      type: 'error',
      code: error instanceof SheetReadError ? error.code : 'failed',
    });
  }
};
