/**
 * Excel's error values — the one list for every host adapter, the fakes and the playground's
 * evaluator: the text a cell shows, and the xlErr code VBA's CVErr carries through ET's `Value2`
 * (0x800A0000 + code; null where the host's enum has none).
 */
const EXCEL_ERRORS: ReadonlyArray<readonly [text: string, code: number | null]> = [
  ["#NULL!", 2000],
  ["#DIV/0!", 2007],
  ["#VALUE!", 2015],
  ["#REF!", 2023],
  ["#NAME?", 2029],
  ["#NUM!", 2036],
  ["#N/A", 2042],
  ["#GETTING_DATA", 2043],
  ["#SPILL!", 2045],
  ["#CONNECT!", 2046],
  ["#BLOCKED!", 2047],
  ["#UNKNOWN!", 2048],
  ["#FIELD!", 2049],
  ["#CALC!", 2050],
  ["#BUSY!", null],
];

/** The seven classic errors, which every host (and LibreOffice) has: what the playground evaluates. */
export const CLASSIC_ERRORS = EXCEL_ERRORS.slice(0, 7).map(([text]) => text);

const TEXTS = new Set(EXCEL_ERRORS.map(([text]) => text));

/** Whether `v` is an error value's text as values show it ("#DIV/0!"). */
export function isErrorText(v: unknown): v is string {
  return typeof v === "string" && TEXTS.has(v);
}

/** VBA's CVErr(0) as a number: an error cell's Value2 is this plus its xlErr code. */
export const CVERR_BASE = -2146828288;
const BY_CODE = new Map(EXCEL_ERRORS.flatMap(([text, code]): Array<[number, string]> => (code === null ? [] : [[code, text]])));
const BY_TEXT = new Map(EXCEL_ERRORS.flatMap(([text, code]): Array<[string, number]> => (code === null ? [] : [[text, code]])));

/** The error text of a CVErr number (`-2146826281` → "#DIV/0!"), or undefined for any other number. */
export function errorOfCVErr(n: number): string | undefined {
  return Number.isInteger(n) ? BY_CODE.get(n - CVERR_BASE) : undefined;
}

/** The CVErr number of an error text, or undefined where VBA has no code for it. */
export function cvErrOf(text: string): number | undefined {
  const code = BY_TEXT.get(text);
  return code === undefined ? undefined : CVERR_BASE + code;
}

/**
 * The error text of a BIFF8 error byte (.xls/.et BoolErr and formula results): the file format
 * stores the xlErr code less 2000 (0x07 → #DIV/0!).
 */
export function errorOfBiffCode(byte: number): string | undefined {
  return BY_CODE.get(2000 + byte);
}
