/** A1-style addressing, shared by parsers (to name a cell in a message) and plan builders. */

export function columnLetter(col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetter(col)}$${row}` : `${columnLetter(col)}${row}`;
}

/** A range like B3:D9 (rows and columns 1-based). */
export function rangeA1(r1: number, c1: number, r2: number, c2: number): string {
  return `${a1(r1, c1)}:${a1(r2, c2)}`;
}

/** An absolute range like $B$3:$B$9, for formulas that must not shift. */
export function absRange(r1: number, c1: number, r2: number, c2: number): string {
  return `${a1(r1, c1, true)}:${a1(r2, c2, true)}`;
}

/** Sheet names are always quoted: unquoted CJK names fail in some engines. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function sheetRef(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${a1(row, col)}`;
}

/** The last row and column of a sheet (Excel 2007 and later). */
export const MAX_ROW = 1048576;
export const MAX_COL = 16384;

/**
 * How a cell is named in messages and in the JSON: 绩效指标!H5 (unquoted, as users read it). Always
 * a real cell: "the row after the last" on the sheet's last row names the last row.
 */
export function cellName(sheet: string, row: number, col: number): string {
  return `${sheet}!${a1(Math.min(Math.max(row, 1), MAX_ROW), Math.min(Math.max(col, 1), MAX_COL))}`;
}

export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(address);
  if (!m) throw new Error(`not an A1 address: ${address}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}
