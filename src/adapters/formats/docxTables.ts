/**
 * The tables of a Word document (.docx) as sheets, so the one form reader reads a 自评表 filled in
 * Word exactly as one filled in Excel: each table (nested ones too, in document order) is a sheet
 * named 表格1, 表格2 …; a row of the table is a row of the sheet and a column of the table's grid
 * a column. Merged cells read as a spreadsheet's merged cells do: the text in the first cell of
 * the merge (a `gridSpan`'s first column, a `vMerge` restart), the covered cells empty. Every cell
 * is its text (paragraphs joined by line breaks) — numbers in a Word table are text, and the
 * reader takes text numbers as forms.md describes.
 *
 * The title of a form in Word is usually not in its table but in the paragraphs just above it
 * (项目支出绩效自评表, （2023年度）): the last LEAD_PARAGRAPHS non-empty paragraphs between the previous
 * table and this one are the sheet's first rows (SheetData.leadRows), the table's rows after them.
 *
 * Read with a small scan of word/document.xml (no DOM): a form is a few hundred cells.
 */
import { MAX_SHEET_CELLS, type SheetCell, type SheetData } from "../../core/snapshot";
import { attr, decodeXml } from "../xlsx/xlsxRead";
import type { MergedRange, ReadWorkbook } from "./biff";

/** The sheet name of the n-th table (1-based): what a message names the place by (表格2 第5行第3列). */
const tableSheetName = (n: number): string => `表格${n}`;

interface Cell {
  col: number;
  span: number;
  /** A cell continuing a vertical (vMerge) or legacy horizontal (hMerge) merge: shown empty. */
  covered: boolean;
  paragraphs: string[];
}

/** Paragraphs above a table read with it (a title, the year, a 单位 line). */
const LEAD_PARAGRAPHS = 3;

interface TableBuilder {
  data: SheetData;
  row: number;
  col: number;
  /** Cells of the current row so far (the place a reader counts). */
  ordinal: number;
  merges: MergedRange[];
  /** The vertical merge running down each grid column, while one does. */
  downward: Map<number, MergedRange>;
  cell?: Cell;
}

const TOKEN = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<(\/?)w:(tbl|tr|tc|p|tab|br|cr|gridSpan|gridBefore|vMerge|hMerge)\b([^>]*?)(\/?)>/g;

/** The tables of document.xml, one SheetData each; empty when the document has none. */
export function readDocxTables(documentXml: string): ReadWorkbook {
  // Text boxes are written twice (the drawing and its VML fallback): the fallback is dropped.
  const xml = withoutFallbacks(documentXml);
  const tables: SheetData[] = [];
  const merges: Record<string, MergedRange[]> = {};
  const stack: TableBuilder[] = [];
  const top = (): TableBuilder | undefined => stack[stack.length - 1];
  /** The body's paragraphs since the last table ended (outside every table). */
  let between: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const t = top();
    if (m[1] !== undefined) {
      const p = t ? t.cell?.paragraphs : between;
      if (p && p.length) p[p.length - 1] += decodeXml(m[1]);
      continue;
    }
    const closing = m[2] === "/";
    const tag = m[3];
    const attrs = m[4];
    const selfClosing = m[5] === "/";
    switch (tag) {
      case "tbl":
        if (!closing) {
          const data: SheetData = { name: tableSheetName(tables.length + 1), cells: [] };
          let row = 0;
          if (!t) {
            const lead = between
              .map((p) => p.trim())
              .filter((p) => p !== "")
              .slice(-LEAD_PARAGRAPHS);
            for (const text of lead) data.cells.push({ row: ++row, col: 1, value: text });
            if (row) data.leadRows = row;
          }
          tables.push(data);
          const built: TableBuilder = { data, row, col: 1, ordinal: 0, merges: [], downward: new Map() };
          merges[data.name] = built.merges;
          stack.push(built);
        } else {
          stack.pop();
          if (!top()) between = [];
        }
        break;
      case "tr":
        if (t && !closing) {
          t.row++;
          t.col = 1;
          t.ordinal = 0;
        }
        break;
      case "gridBefore":
        if (t && !t.cell) t.col += Number(attr(attrs, "w:val") ?? 0) || 0;
        break;
      case "tc":
        if (!t) break;
        if (!closing) t.cell = { col: t.col, span: 1, covered: false, paragraphs: [""] };
        else if (t.cell) {
          t.ordinal++;
          for (let c = t.cell.col; c < t.cell.col + t.cell.span; c++) {
            if (c !== t.ordinal) (t.data.cellInRow ??= {})[`${t.row},${c}`] = t.ordinal;
          }
          merge(t, t.cell);
          finishCell(t, t.cell);
          t.col = t.cell.col + t.cell.span;
          t.cell = undefined;
        }
        break;
      case "gridSpan":
        if (t?.cell) t.cell.span = Math.max(1, Number(attr(attrs, "w:val") ?? 1) || 1);
        break;
      case "vMerge":
      case "hMerge":
        // <w:vMerge/> (no value) or w:val="continue" continues the merge above; "restart" starts one.
        if (t?.cell) t.cell.covered = (attr(attrs, "w:val") ?? "continue") === "continue";
        break;
      case "p":
        if (!t && !closing) between.push("");
        else if (t?.cell && !closing && !selfClosing && t.cell.paragraphs[t.cell.paragraphs.length - 1] !== "") t.cell.paragraphs.push("");
        break;
      case "tab":
        if (t?.cell) t.cell.paragraphs[t.cell.paragraphs.length - 1] += " ";
        break;
      case "br":
      case "cr":
        if (t?.cell) t.cell.paragraphs[t.cell.paragraphs.length - 1] += "\n";
        break;
    }
  }
  return {
    sheetNames: tables.map((s) => s.name),
    sheets: Object.fromEntries(tables.map((s) => [s.name, s])),
    kind: "document",
    // Single cells were tracked only to extend them downward.
    merges: Object.fromEntries(Object.entries(merges).map(([name, list]) => [name, list.filter(([r1, c1, r2, c2]) => r2 > r1 || c2 > c1)])),
  };
}

/** The cell's merges: across its grid span, and down its column while vMerge continues. */
function merge(t: TableBuilder, cell: Cell): void {
  const last = cell.col + cell.span - 1;
  const running = t.downward.get(cell.col);
  if (cell.covered && running && running[3] === last) {
    running[2] = t.row;
    return;
  }
  t.downward.delete(cell.col);
  if (cell.covered) return;
  const range: MergedRange = [t.row, cell.col, t.row, last];
  t.downward.set(cell.col, range);
  t.merges.push(range);
}

/** The text with every <mc:Fallback>…</mc:Fallback> cut out, in one pass (an unclosed one runs to the end). */
function withoutFallbacks(xml: string): string {
  const open = "<mc:Fallback";
  const close = "</mc:Fallback>";
  let out = "";
  let at = 0;
  for (let start = xml.indexOf(open); start >= 0; start = xml.indexOf(open, at)) {
    out += xml.slice(at, start);
    const end = xml.indexOf(close, start);
    if (end < 0) return out;
    at = end + close.length;
  }
  return out + xml.slice(at);
}

function finishCell(t: TableBuilder, cell: Cell): void {
  if (cell.covered) return;
  const text = cell.paragraphs
    .join("\n")
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, "")
    .replace(/\u00a0/g, " ");
  if (text === "") return;
  if (t.data.cells.length >= MAX_SHEET_CELLS) {
    t.data.truncated = true;
    return;
  }
  const out: SheetCell = { row: t.row, col: cell.col, value: text };
  t.data.cells.push(out);
}
