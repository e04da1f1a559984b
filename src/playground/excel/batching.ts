/**
 * office.js's batching semantics over the fake workbook (./model): calls on proxies only queue
 * commands; nothing is read or written until `context.sync()`, which runs the queue in order; a
 * loaded property read before its sync throws; a failing command stops the batch with the earlier
 * commands already applied (no transaction). It also enforces Excel on the web's 5 MB request and
 * response limits, counts syncs and the bytes they carry, fails what the host's ExcelApi set lacks
 * (`apiVersion`), and a test can make the n-th write command fail (`failAtWrite`).
 */
import type { FakeWorkbook } from "./model";

/** Excel on the web rejects a request above 5 MB. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;

interface Command {
  write: boolean;
  bytes: number;
  run(): void;
  /** Which caller's action queued it (the ProcessQuery server's action index). */
  origin?: number;
}

/** A failed command's error carries the `origin` of the command. */
export interface FakeError extends Error {
  origin?: number;
}

const encoder = new TextEncoder();
/** Rough request size of one command: its arguments as JSON (UTF-8) plus a fixed envelope. */
export function payloadBytes(args: unknown): number {
  return 60 + encoder.encode(JSON.stringify(args) ?? "").length;
}

/** "1.8" < "1.10". */
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The batching half of the request context (the workbook proxy is in ./context). */
export class BatchingContext {
  /** Syncs that sent at least one command (what a host would see as round trips). */
  syncCount = 0;
  /** Size of each request sent, in bytes. */
  readonly requestBytes: number[] = [];
  /** Size of each response, in bytes: the loaded values as JSON (what the wire carries, near enough). */
  readonly responseBytes: number[] = [];
  /** The response of the sync being run, so far. */
  private responding = 0;
  /** Tests: the n-th write command (1-based, counted over this context) throws. */
  failAtWrite = 0;
  writesRun = 0;
  /** writesRun after each sync that wrote: where one request ends and the next begins. */
  readonly requestEnds: number[] = [];
  calculationSuspended = false;
  /** application.calculate calls that ran. */
  recalculations = 0;
  screenUpdatingSuspended = false;
  /** Stamped on the commands queued from now on (see Command.origin). */
  origin?: number;
  /** The host's highest ExcelApi set ("1.7": volume-licensed Office 2019); newer APIs fail as they would there. Unset: all. */
  apiVersion?: string;
  private queue: Command[] = [];

  /** Fails like a host without ExcelApi `version` when `what` is used. */
  requireApi(version: string, what: string): void {
    if (this.apiVersion !== undefined && compareVersions(this.apiVersion, version) < 0)
      throw new Error(`ApiNotFound: ${what} needs ExcelApi ${version} (this host has ${this.apiVersion})`);
  }

  constructor(readonly model: FakeWorkbook) {}

  enqueue(write: boolean, args: unknown, run: () => void): void {
    this.queue.push({ write, bytes: write ? payloadBytes(args) : 40, run, origin: this.origin });
  }

  /** The change handlers told of this context's writes, as the add-in's own (ThisLocalAddin). */
  private notifyOwnWrites(): void {
    const model = this.model;
    const sheet = model.sheets.find((x) => x.id === model.activeSheetId) ?? model.sheets[0];
    if (sheet && model.changeHandlers.size) model.notifyChanged(sheet, "A1", "ThisLocalAddin");
  }

  /** A load adds what it returns to the response of the sync it runs in. */
  respond(value: unknown): void {
    this.responding += payloadBytes(value) - 40;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.syncCount++;
    const bytes = batch.reduce((n, c) => n + c.bytes, 0);
    this.requestBytes.push(bytes);
    this.responding = 0;
    // A real round trip yields to the event loop; so does this one.
    await Promise.resolve();
    if (bytes > REQUEST_LIMIT_BYTES) throw new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes`);
    let current: Command | undefined;
    // Reads after writes see computed formulas, like Excel's automatic calculation.
    let dirty = false;
    try {
      for (const c of batch) {
        current = c;
        if (c.write && ++this.writesRun === this.failAtWrite)
          throw new Error(`GeneralException: injected failure at write ${this.writesRun}`);
        // Under suspendApiCalculationUntilNextSync nothing recalculates: values stay stale until asked.
        if (!c.write && dirty && !this.calculationSuspended) {
          this.model.calculate?.();
          dirty = false;
        }
        c.run();
        dirty ||= c.write;
      }
      if (dirty && !this.calculationSuspended) this.model.calculate?.();
      if (batch.some((c) => c.write)) this.requestEnds.push(this.writesRun);
      // Excel fires onChanged for the add-in's own writes too (one event per request here).
      if (batch.some((c) => c.write)) this.notifyOwnWrites();
      // Excel on the web answers a response over 5 MB with this error instead of the values.
      current = undefined;
      if (this.responding > REQUEST_LIMIT_BYTES) throw new Error(`ResponsePayloadSizeLimitExceeded: ${this.responding} bytes`);
    } catch (e) {
      if (e instanceof Error) Object.assign(e, { origin: current?.origin });
      throw e;
    } finally {
      this.responseBytes.push(this.responding);
      this.calculationSuspended = false;
      this.screenUpdatingSuspended = false;
    }
  }
}

/**
 * Base of every proxy: resolves its target lazily at its first command, like an object path. `P`
 * names the properties it loads and their types, as office.js's typings give them.
 */
export abstract class FakeProxy<T extends object, P extends object = object> {
  private resolved = false;
  private target: T | null = null;
  private readonly loaded = new Map<string, unknown>();
  /** Properties known without a load: an item of a loaded collection comes with them. */
  private readonly preloaded = new Map<string, unknown>();

  constructor(
    readonly context: BatchingContext,
    private readonly resolver: () => T | null,
    /** An item a collection load returned: it exists, no command needed. */
    existing = false,
  ) {
    // Existence (isNullObject) is known after the next sync.
    if (existing) this.loaded.set("isNullObject", false);
    else context.enqueue(false, null, () => this.loaded.set("isNullObject", this.resolve() === null));
  }

  protected resolve(): T | null {
    if (!this.resolved) {
      this.target = this.resolver();
      this.resolved = true;
    }
    return this.target;
  }

  /** The target for a command: a null object or deleted sheet fails like office.js. */
  protected must(): T {
    const t = this.resolve();
    if (t === null) throw new Error("ItemNotFound: the object is a null object");
    if ("deleted" in t && t.deleted) throw new Error("ItemNotFound: the sheet was deleted");
    return t;
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }

  preload(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.preloaded.set(k, v);
  }

  /** A loaded property, as its getter returns it (read() gave it under this name). */
  protected get<K extends keyof (P & { isNullObject: boolean }) & string>(prop: K): (P & { isNullObject: boolean })[K] {
    const from = this.preloaded.has(prop) ? this.preloaded : this.loaded;
    if (!from.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} (call load() and context.sync() first)`);
    return from.get(prop) as (P & { isNullObject: boolean })[K];
  }

  /** Set on objects whose path does not survive a sync (worksheets.add()): using them after it throws. */
  validUntilSync?: number;

  protected checkPath(): void {
    if (this.validUntilSync !== undefined && this.context.syncCount > this.validUntilSync)
      throw new Error("InvalidObjectPath: the object path 'worksheets.add()' isn't working across context.sync calls");
  }

  protected write(args: unknown, run: (t: T) => void): void {
    this.checkPath();
    this.context.enqueue(true, args, () => run(this.must()));
  }

  load(props?: string | string[] | Record<string, unknown>): this {
    this.checkPath();
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : Array.isArray(props) ? props : [];
    this.context.enqueue(false, list, () => {
      const t = this.resolve();
      if (t === null) return; // a null object loads nothing
      // "items/name" loads the items (with their name).
      for (const p of list) {
        const value = this.read(t, p);
        this.loaded.set(p.split("/")[0], value);
        this.context.respond({ [p]: value });
      }
    });
    return this;
  }

  protected abstract read(target: T, prop: string): unknown;

  /** What this object's preloaded properties weigh on the wire (an item of a loaded collection). */
  toJSON(): unknown {
    return Object.fromEntries(this.preloaded);
  }
}
