/**
 * How a problem's place reads to the person who has to find it. In a workbook that is the sheet and
 * cell (`党建品牌!H15`); in a Word document, whose tables are read as sheets 表格1, 表格2 …, it is
 * the table, row and column (`表格2 第5行第3列`: the row of the table, the cell's place in its row).
 * Worked out from the problem's typed `ref` and the document's layout, never from an address text.
 */
import { type CellRef, type Problem, refName } from "./problems";
import type { WorkbookSnapshot } from "./snapshot";

/** Where a document's table puts a cell for its reader: rows above the table, and the cell's place in its row. */
export interface TableLayout {
  leadRows?: number;
  cellInRow?: Record<string, number>;
}

/** A ref's place in its Word table: row 0 is the title paragraphs read above the table. */
export function tablePlace(ref: CellRef, layout: TableLayout | undefined): { row: number; col: number } {
  const row = ref.row - (layout?.leadRows ?? 0);
  return { row: Math.max(row, 0), col: layout?.cellInRow?.[`${ref.row},${ref.col}`] ?? ref.col };
}

/**
 * The problems with their refs told in the document's terms (`ref.inTable`) when the snapshot is a
 * Word document; a workbook's problems unchanged.
 */
export function problemsIn<P extends Problem>(snapshot: Pick<WorkbookSnapshot, "kind" | "sheets">, problems: readonly P[]): P[] {
  if (snapshot.kind !== "document") return [...problems];
  return problems.map((p) => {
    if (!p.ref) return p;
    const ref = { ...p.ref, inTable: tablePlace(p.ref, snapshot.sheets[p.ref.sheet]) };
    // An issue's display cell follows its ref, so nothing prints the sheet's A1 form for a table.
    return "cell" in p ? { ...p, ref, cell: refName(ref) } : { ...p, ref };
  });
}
