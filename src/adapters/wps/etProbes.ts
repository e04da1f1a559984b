/**
 * Host behaviours WPS's docs do not settle, asked of the host once on a scratch sheet and
 * remembered until the add-in reloads (per Application object: one per page load in WPS).
 *
 * - `Range.Formula = [[…]]` with a 2-D array: WPS's docs and published add-ins show arrays only with
 *   `Value2` and `Formula` only with single values. Where the array is refused (or lands wrong), the
 *   adapter writes the documented way instead (writeCellsDocumented in etSheet.ts).
 * - How an error cell reads through `Value2`: a CVErr number (VBA), its text, or a bare xlErr code
 *   that would read as a plain number. Reads handle all three (etWorkbook.ts cellValue and the
 *   Text check of bare codes); the answer is recorded for the self-test's report.
 */
import { type EtApplication, type EtWorksheet } from "./etTypes";

export type ErrorForm = "cverr" | "text" | "code" | "unknown";

export interface EtBehaviour {
  /** Whether `Range.Formula` takes a 2-D array (constants typed, formulas as formulas). */
  formulaArrays: boolean;
  /** How `Value2` hands over an error value (#DIV/0!). */
  errorForm: ErrorForm;
}

/** CVErr(xlErrDiv0) as VBA hands it through a Variant: 0x800A0000 + 2007, as a signed 32-bit number. */
const CVERR_DIV0 = -2146828288 + 2007;
const XL_ERR_DIV0 = 2007;

const learnt = new WeakMap<object, EtBehaviour>();

/** What was learnt about `app`, if it was asked already. */
export function knownBehaviour(app: EtApplication): EtBehaviour | undefined {
  return learnt.get(app);
}

/** Records what `app` does (tests fix it, like the temporary-name tag, to keep call counts of a run exact). */
export function rememberBehaviour(app: EtApplication, behaviour: EtBehaviour): void {
  learnt.set(app, behaviour);
}

/** One probe try: writes A1:C1 as an array, D1 as one error formula; reads them back; clears A1:D1. */
function probeOnce(ws: EtWorksheet): EtBehaviour {
  let formulaArrays = false;
  try {
    ws.Range("A1:C1").Formula = [[1, "=A1+1", "x"]];
    // Read back what landed: a number, a formula (not the text "=A1+1") and text.
    const a = ws.Range("A1").Value2;
    const b = ws.Range("B1").Formula;
    const c = ws.Range("C1").Value2;
    formulaArrays = a === 1 && b === "=A1+1" && ws.Range("B1").HasFormula === true && c === "x";
  } catch {
    formulaArrays = false;
  }
  ws.Range("D1").Formula = "=1/0";
  const v = ws.Range("D1").Value2;
  const errorForm: ErrorForm = v === CVERR_DIV0 ? "cverr" : v === "#DIV/0!" ? "text" : v === XL_ERR_DIV0 ? "code" : "unknown";
  ws.Range("A1:D1").Clear();
  return { formulaArrays, errorForm };
}

/** Forgets what was learnt (the self-test asks again). */
export function forgetBehaviour(app: EtApplication): void {
  learnt.delete(app);
}

/**
 * What `app` does, asked once on `scratch` (an empty sheet the caller owns and will fill or delete;
 * A1:D1 are left cleared). A call that fails outside the array write (an IPC hiccup) is asked once
 * more; a second failure is the caller's to report.
 */
export function probeBehaviour(app: EtApplication, scratch: EtWorksheet): EtBehaviour {
  const known = learnt.get(app);
  if (known) return known;
  let found: EtBehaviour;
  try {
    found = probeOnce(scratch);
  } catch {
    found = probeOnce(scratch);
  }
  learnt.set(app, found);
  return found;
}
