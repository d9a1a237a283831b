/**
 * The "new version" prompt as a pure state machine, so it is tested without a service worker.
 *
 * - `waiting`: a new service worker is installed and waits -> offer it (banner).
 * - `accept`: the user pressed "reload". With unsaved input in some form the update is
 *   deferred; otherwise it is applied.
 * - `unsaved-cleared`: the last form was saved or cleared -> a deferred update is applied.
 * - `controlling`: the new worker took control of this page. If we asked for it, reload; if
 *   another tab did, this page runs old code under the new worker: offer a plain reload.
 *
 * Applying means `skip-waiting` while the new worker waits, or `reload` once it controls.
 */
export type UpdatePhase = 'none' | 'available' | 'deferred' | 'applying';

export interface UpdateState {
  phase: UpdatePhase;
  /** The new worker already controls this page (activated by another tab). */
  activated: boolean;
}

export type UpdateEvent =
  | { type: 'waiting' }
  | { type: 'controlling' }
  | { type: 'accept'; hasUnsavedInput: boolean }
  | { type: 'unsaved-cleared' };

export type UpdateCommand = 'skip-waiting' | 'reload';

export interface UpdateStep {
  state: UpdateState;
  command?: UpdateCommand;
}

export const initialUpdateState: UpdateState = { phase: 'none', activated: false };

export function nextUpdateStep(state: UpdateState, event: UpdateEvent): UpdateStep {
  switch (event.type) {
    case 'waiting':
      return state.phase === 'none' ? { state: { ...state, phase: 'available' } } : { state };
    case 'controlling':
      if (state.phase === 'applying') return { state, command: 'reload' };
      return {
        state: { activated: true, phase: state.phase === 'none' ? 'available' : state.phase },
      };
    case 'accept':
      if (state.phase !== 'available') return { state };
      return event.hasUnsavedInput ? { state: { ...state, phase: 'deferred' } } : apply(state);
    case 'unsaved-cleared':
      return state.phase === 'deferred' ? apply(state) : { state };
  }
}

function apply(state: UpdateState): UpdateStep {
  return {
    state: { ...state, phase: 'applying' },
    command: state.activated ? 'reload' : 'skip-waiting',
  };
}
