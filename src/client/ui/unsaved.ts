import { computed, signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';

/** Ids of the forms that hold input not yet saved. */
const dirtyForms = signal<ReadonlySet<number>>(new Set());

/** True while any form on the page holds unsaved input. */
export const hasUnsavedInput = computed(() => dirtyForms.value.size > 0);

let lastId = 0;

/** Adds one form to the registry (dirty) or removes it (clean). */
export function markUnsaved(id: number, dirty: boolean): void {
  const current = dirtyForms.value;
  if (current.has(id) === dirty) return;
  const next = new Set(current);
  if (dirty) next.add(id);
  else next.delete(id);
  dirtyForms.value = next;
}

/** Every form calls this with whether it holds unsaved input; unmounting clears it. */
export function useUnsavedInput(isDirty: boolean): void {
  const [id] = useState(() => ++lastId);
  useEffect(() => {
    markUnsaved(id, isDirty);
  }, [id, isDirty]);
  useEffect(() => () => markUnsaved(id, false), [id]);
}

/** Asks the browser to warn before leaving the page while a form holds unsaved input. */
export function guardUnsavedInputOnUnload(target: Window = window): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedInput.value) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
