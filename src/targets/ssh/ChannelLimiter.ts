/**
 * Caps the channels open at once on one SSH connection. OpenSSH refuses more than `MaxSessions`
 * (10 by default) per connection; staging stays below it and keeps room for the channels that
 * kill timed-out commands.
 */
export class ChannelLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
