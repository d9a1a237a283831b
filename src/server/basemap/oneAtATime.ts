/**
 * Runs one task at a time: a task started while another runs is refused at once with `busy()`'s
 * error, not queued (an MBTiles conversion holds its file in memory about twice; two at once on
 * a small office server is what this prevents).
 */
export function oneAtATime(busy: () => Error): <T>(task: () => Promise<T>) => Promise<T> {
  let running = false;
  return async (task) => {
    if (running) throw busy();
    running = true;
    try {
      return await task();
    } finally {
      running = false;
    }
  };
}
