/** docs/architecture.md §4: ask for persistent storage at the first sign-in, without bothering the user. */
export async function askPersistentStorage(): Promise<void> {
  try {
    if (navigator.storage?.persisted && !(await navigator.storage.persisted())) {
      await navigator.storage.persist();
    }
  } catch {
    // Not supported: Settings shows the state and offers the button.
  }
}
