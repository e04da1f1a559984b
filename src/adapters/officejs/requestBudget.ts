/**
 * Keeps each office.js request under Excel on the web's 5 MB limit. Writers reserve the estimated
 * size of what they queue; when the next reservation would overflow, the queue is sent first.
 * At normal sizes everything fits one request, so extra syncs grow with payload, never per row.
 */

/** 4 MB: a margin under the 5 MB limit for the envelope of each command. */
export const DEFAULT_REQUEST_BUDGET = 4 * 1024 * 1024;

const encoder = new TextEncoder();

/** Estimated request bytes of one command: its arguments as UTF-8 JSON plus an envelope. */
export function estimateBytes(args: unknown): number {
  return 60 + encoder.encode(JSON.stringify(args) ?? "").length;
}

export class RequestBudget {
  private used = 0;
  /** Syncs made to stay under the limit (0 at normal sizes). */
  flushes = 0;

  constructor(
    private readonly limit: number,
    /** Sends the queued commands (and re-queues whatever must lead each request). */
    private readonly flush: () => Promise<void>,
  ) {}

  get remaining(): number {
    return this.limit - this.used;
  }

  /** Call before queueing a command of `bytes`. */
  async reserve(bytes: number): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.limit) {
      this.flushes++;
      await this.flush();
      this.used = 0;
    }
    this.used += bytes;
  }
}
