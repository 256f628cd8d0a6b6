export interface BackoffOptions {
  /** Give up when the next attempt would start after this many ms from the first. @default 30000 */
  budgetMs?: number;
  /** @default 250 */
  initialDelayMs?: number;
  /** @default 5000 */
  maxDelayMs?: number;
  /** Errors that are not worth retrying (a refused host key, a rejected login) end it at once. */
  isRetryable: (error: unknown) => boolean;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
    readonly elapsedMs: number,
  ) {
    super(`gave up after ${attempts} attempts in ${elapsedMs} ms`);
    this.name = "RetriesExhausted";
  }
}

/**
 * Runs `attempt` until it succeeds, waiting 250 ms, 500 ms, 1 s, ... (capped) between tries, for a
 * bounded total time. A non-retryable error is rethrown as is; running out of time throws
 * `RetriesExhausted` with the last error.
 */
export async function retryWithBackoff<T>(
  attempt: (n: number) => Promise<T>,
  options: BackoffOptions,
): Promise<T> {
  const budget = options.budgetMs ?? 30_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = now();
  let delay = options.initialDelayMs ?? 250;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!options.isRetryable(error)) throw error;
      const elapsed = now() - started;
      if (elapsed + delay > budget) throw new RetriesExhausted(error, n, elapsed);
      options.onRetry?.({ attempt: n, delayMs: delay, error });
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5000);
    }
  }
}
