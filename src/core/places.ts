/**
 * How a problem's place reads to the person who has to find it. In a workbook that is the sheet and
 * cell (`党建品牌!H15`); in a Word document, whose tables are read as sheets 表格1, 表格2 …, it is
 * the table, row and column (`表格2 第5行第3列`: rows of the table, columns of its grid).
 */
import type { CellIssue } from "./issues";
import type { WorkbookSnapshot } from "../port/workbook";
import { columnNumber } from "./cells";

const TABLE_CELL = /'?(表格\d+)'?!\$?([A-Z]{1,3})\$?(\d+)/g;

/**
 * Every `表格N!C5` in a text told as `表格N 第5行第3列`, the row counted in the table itself (the
 * title paragraphs read above it, `leadRows`, are `表格N 上方的标题`).
 */
export function documentPlaces(text: string, leadRows: (table: string) => number = () => 0): string {
  return text.replace(TABLE_CELL, (_, table: string, col: string, row: string) => {
    const r = Number(row) - leadRows(table);
    return r >= 1 ? `${table} 第${r}行第${columnNumber(col)}列` : `${table} 上方的标题`;
  });
}

/** The issues as the user reads them: places in a document's terms when the snapshot is one. */
export function issuesIn<T extends CellIssue>(snapshot: Pick<WorkbookSnapshot, "kind" | "sheets">, issues: readonly T[]): T[] {
  if (snapshot.kind !== "document") return [...issues];
  const lead = (table: string) => snapshot.sheets[table]?.leadRows ?? 0;
  return issues.map((i) => ({ ...i, cell: documentPlaces(i.cell, lead), message: documentPlaces(i.message, lead) }));
}
