import { isRetryableTransactionError } from '../store/dialect';

const ATTEMPTS = 5;

/**
 * Runs a write transaction again when PostgreSQL gave up on it for a reason that a second
 * try resolves (deadlock, serialization failure, a record another push inserted first). Every
 * attempt starts from scratch: the callback must not keep state between attempts.
 */
export async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
