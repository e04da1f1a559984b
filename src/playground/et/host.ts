/**
 * The state every object of the fake ET (./application, ./range) shares: the workbook, the
 * application settings, the windows' splits, the event listeners, and the call counter with its
 * misbehaviour switches (`failAt`, `failOn`, FakeEtBehaviour); and ET's conventions at its surface
 * (BGR colours, numbers where office.js has strings).
 */
import type { FakeSheet, FakeWorkbook } from "../excel/model";

/**
 * The undocumented behaviours, either way: `formulaArrays: false` refuses `Range.Formula = [[…]]`
 * (as a host following WPS's documentation literally might); `errorForm` is how `Value2` hands an
 * error: VBA's CVErr number, its text ("#DIV/0!"), or the bare xlErr code (2007) that reads as a number.
 */
export interface FakeEtBehaviour {
  formulaArrays?: boolean;
  errorForm?: "cverr" | "text" | "code";
}

/** "RRGGBB" ↔ BGR integer, as ET stores colours. */
export const toBgr = (rgb: string) => {
  const n = parseInt(rgb, 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
};
export const fromBgr = (v: unknown): string => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffffff)
    throw new TypeError(`ET: a colour is a BGR integer, got ${String(v)}`);
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff]
    .map((x) => x.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
};
export const num = (v: unknown, what: string): number => {
  if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`ET: ${what} is a number, got ${JSON.stringify(v)}`);
  return v;
};

/** The shared state behind every proxy: the model, the settings and the call counter. */
export class EtHost {
  calls = 0;
  /** Tests: the failAt-th call (1-based) throws. */
  failAt = 0;
  /** Tests: every call whose name matches throws (a host that lacks or refuses it). */
  failOn?: RegExp;
  behaviour: Required<FakeEtBehaviour> = { formulaArrays: true, errorForm: "cverr" };
  /** Writes made while ScreenUpdating was on (the adapter should make none). */
  writesWhileUpdating = 0;
  readonly settings = { ScreenUpdating: true, Calculation: -4105, DisplayAlerts: true, EnableEvents: true };
  /** Per sheet: the window's pending split and scroll position (freeze panes live on the window). */
  readonly windows = new WeakMap<FakeSheet, { splitRow: number; splitCol: number; scrollRow: number; scrollCol: number }>();

  /** Every call's name, when asked for (FakeEtOptions.log). */
  readonly log?: string[];

  constructor(
    readonly model: FakeWorkbook,
    readonly wrapReads: boolean,
    log: boolean,
  ) {
    if (log) this.log = [];
  }

  /** Counts one ET call; `write` marks the calls that change the workbook. */
  tick(name: string, write = false): void {
    this.calls++;
    this.log?.push(name);
    if (this.calls === this.failAt) throw new Error(`injected failure at ET call ${this.calls} (${name})`);
    if (this.failOn?.test(name)) throw new Error(`injected failure: this host refuses ${name}`);
    if (write && this.settings.ScreenUpdating) this.writesWhileUpdating++;
    if (write) this.notifyChange();
  }

  /** `ApiEvent` listeners by event name. */
  readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  private changePending = false;

  /**
   * The add-in's own writes fire SheetChange, asynchronously, once per burst of writes. Whether WPS
   * holds ApiEvent back while EnableEvents is off is not documented: the fake assumes the worst (it
   * does not), so the run lock is what keeps a pane from reacting mid-run.
   */
  private notifyChange(): void {
    const listeners = this.listeners.get("SheetChange");
    if (!listeners?.size || this.changePending) return;
    this.changePending = true;
    setTimeout(() => {
      this.changePending = false;
      for (const fn of this.listeners.get("SheetChange") ?? []) fn();
    }, 0);
  }

  live(sheet: FakeSheet): FakeSheet {
    if (sheet.deleted || !this.model.sheets.includes(sheet)) throw new Error("ET: the worksheet no longer exists");
    return sheet;
  }

  activeSheet(): FakeSheet {
    return this.model.sheets.find((s) => s.id === this.model.activeSheetId) ?? this.model.sheets[0];
  }

  window(sheet: FakeSheet) {
    let w = this.windows.get(sheet);
    if (!w) this.windows.set(sheet, (w = { splitRow: 0, splitCol: 0, scrollRow: 1, scrollCol: 1 }));
    return w;
  }

  /** Moves `sheet` (appended by the model) before or after another sheet. */
  place(sheet: FakeSheet, before?: FakeSheet, after?: FakeSheet): void {
    const sheets = this.model.sheets;
    sheets.splice(sheets.indexOf(sheet), 1);
    const anchor = before ?? after ?? this.activeSheet();
    const at = sheets.indexOf(anchor) + (after && !before ? 1 : 0);
    sheets.splice(at, 0, sheet);
    this.model.activeSheetId = sheet.id;
  }
}
