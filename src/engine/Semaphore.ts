/** A counting semaphore whose waiters are served highest priority first, then first come. */
export class Semaphore {
  private active = 0;
  private readonly waiters: { priority: number; seq: number; wake: () => void }[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
  }

  async acquire(priority = 0): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((wake) => {
      this.waiters.push({ priority, seq: this.seq++, wake });
      this.waiters.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.wake();
      else this.active--;
    };
  }
}
