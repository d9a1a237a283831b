import type { WireCell } from '../../../shared/api/imports';
import type { ColumnMapping } from '../../../shared/import';
import type { PlanContext, PreviewPlan, ReadFailure, ReadSheet } from './importJob';

/** What the page asks the import worker. */
export type WorkerRequest =
  | { id: number; type: 'read'; file: Blob }
  | { id: number; type: 'plan'; rows: WireCell[][]; mapping: ColumnMapping; context: PlanContext };

/** What the worker answers: progress while planning, then the result or a failure. */
export type WorkerReply =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'read'; sheet: ReadSheet }
  | { id: number; type: 'plan'; plan: PreviewPlan }
  | { id: number; type: 'error'; code: ReadFailure | 'failed' };
