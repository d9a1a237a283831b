import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';
import { hasUnsavedInput } from '../ui/unsaved';
import {
  initialUpdateState,
  nextUpdateStep,
  type UpdateCommand,
  type UpdateEvent,
} from './updateFlow';

/** Where the "new version" prompt stands; the banner renders it. */
export const updateState = signal(initialUpdateState);

export type CommandRunner = (command: UpdateCommand) => void;

let runCommand: CommandRunner = () => undefined;

export function dispatchUpdate(event: UpdateEvent): void {
  const step = nextUpdateStep(updateState.value, event);
  updateState.value = step.state;
  if (step.command) runCommand(step.command);
}

/** The user pressed "reload" on the banner. */
export function acceptUpdate(): void {
  dispatchUpdate({ type: 'accept', hasUnsavedInput: hasUnsavedInput.value });
}

/**
 * Connects the prompt to what applies an update (the service worker, or a test double) and
 * applies a deferred update as soon as no form holds unsaved input. Returns a disconnect.
 */
export function connectUpdateFlow(run: CommandRunner): () => void {
  runCommand = run;
  const unsubscribe = hasUnsavedInput.subscribe((unsaved) => {
    if (!unsaved) dispatchUpdate({ type: 'unsaved-cleared' });
  });
  return () => {
    unsubscribe();
    runCommand = () => undefined;
  };
}

const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker (production builds only). It never takes over on its own:
 * a new version waits until the user accepts it and no form holds unsaved input.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  connectUpdateFlow((command) => {
    if (command === 'skip-waiting') wb.messageSkipWaiting();
    else window.location.reload();
  });
  wb.addEventListener('waiting', () => dispatchUpdate({ type: 'waiting' }));
  // A change of controller is an update only if the page already had one: the first install
  // also takes control (clientsClaim) and needs no reload. (Workbox's `isUpdate` flag is
  // false for every update found after a first install in the same page, so it is not used.)
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) dispatchUpdate({ type: 'controlling' });
    controlled = true;
  });
  const check = () => {
    if (navigator.onLine) wb.update().catch(() => undefined);
  };
  window.addEventListener('online', check);
  window.setInterval(check, UPDATE_CHECK_MS);
  wb.register().catch(() => undefined);
}
