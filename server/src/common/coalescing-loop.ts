import { logger } from "./log";

/**
 * Background work that runs one pass at a time, off the caller's path (the outbox drain, webhook sends): `wake()`
 * while idle starts a pass; wake-ups during a pass coalesce into one more pass afterwards, so nothing that arrived
 * meanwhile is left behind and a burst of wake-ups costs one pass. A pass that throws is logged and the loop goes
 * on; `stop()` waits for the pass in progress. The pass gets `stopped()` to end a long batch loop early.
 */
export class CoalescingLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** Named in the log when a pass fails ("outbox drain", "webhook dispatch"). */
    private readonly name: string,
    private readonly pass: (stopped: () => boolean) => Promise<void>,
  ) {}

  /** Asks for a pass: starts one now, or one more after the pass in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
  }

  /** Wakes every `ms` as well (a fallback for missed wake-ups); the timer does not keep the process alive. */
  every(ms: number): this {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.wake(), ms);
    this.timer.unref();
    return this;
  }

  /** A pass now (and what is asked meanwhile); resolves when idle. For tests and shutdown. */
  async drainNow(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  /** No more passes; resolves when the one in progress has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass(() => this.stopped);
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, `${this.name} failed`);
      }
    } while (this.again && !this.stopped);
  }
}
