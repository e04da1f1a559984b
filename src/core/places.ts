/**
 * How a problem's place reads to the person who has to find it. In a workbook that is the sheet and
 * cell (`党建品牌!H15`); in a Word document, whose tables are read as sheets 表格1, 表格2 …, it is
 * the table, row and column (`表格2 第5行第3列`: the row of the table, the cell's place in its row).
 */
import type { CellIssue } from "./issues";
import type { WorkbookSnapshot } from "../port/workbook";
import { columnNumber } from "./cells";

const TABLE_CELL = /'?(表格\d+)'?!\$?([A-Z]{1,3})\$?(\d+)/g;

/** Where a document's table puts a cell for its reader: rows above the table, and the cell's place in its row. */
export interface TableLayout {
  leadRows?: number;
  cellInRow?: Record<string, number>;
}

/**
 * Every `表格N!C5` in a text told as `表格N 第5行第3列`: the row counted in the table itself (the
 * title paragraphs read above it are `表格N 上方的标题`), the column as the cell's place in its row.
 */
export function documentPlaces(text: string, layout: (table: string) => TableLayout | undefined = () => undefined): string {
  return text.replace(TABLE_CELL, (_, table: string, letters: string, rowText: string) => {
    const t = layout(table);
    const row = Number(rowText);
    const col = columnNumber(letters);
    const r = row - (t?.leadRows ?? 0);
    return r >= 1 ? `${table} 第${r}行第${t?.cellInRow?.[`${row},${col}`] ?? col}列` : `${table} 上方的标题`;
  });
}

/** The issues as the user reads them: places in a document's terms when the snapshot is one. */
export function issuesIn<T extends CellIssue>(snapshot: Pick<WorkbookSnapshot, "kind" | "sheets">, issues: readonly T[]): T[] {
  if (snapshot.kind !== "document") return [...issues];
  const layout = (table: string) => snapshot.sheets[table];
  return issues.map((i) => ({ ...i, cell: documentPlaces(i.cell, layout), message: documentPlaces(i.message, layout) }));
}
