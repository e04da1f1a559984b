/**
 * Official forms as a department fills them in Word: each form of a corpus workbook (SheetSpec)
 * becomes a table in the national form's Word layout (财预〔2020〕10号 附件) — the title and year as
 * centred paragraphs above the table, the form from 项目名称 down as the table, its merged cells as
 * Word merges (gridSpan across, vMerge down), numbers as the text Word holds (237.49, 100.00%).
 * One document holds every form, one table each, landscape A4. For the tests and the bench.
 */
import type ExcelJS from "exceljs";
import {
  AlignmentType,
  Document,
  PageOrientation,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from "docx";
import { type SheetSpec, buildFormWorkbook } from "./build";
import { parseA1 } from "../../core/cells";

/** The text a cell shows: numbers as formatted (a percent format as 100.00%), text as typed. */
function shownText(cell: ExcelJS.Cell): string {
  // exceljs gives every cell of a merge its first cell's value: the text belongs to the first only.
  if (cell.master.address !== cell.address) return "";
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    const fmt = cell.numFmt ?? "";
    if (fmt.includes("%")) return `${(v * 100).toFixed((/0\.(0+)%/.exec(fmt)?.[1] ?? "").length)}%`;
    return String(v);
  }
  return String(v);
}

interface Merge {
  r2: number;
  c2: number;
}

/** One worksheet (one form) as paragraphs and a table. */
function formContent(ws: ExcelJS.Worksheet): Array<Paragraph | Table> {
  const merges = new Map<string, Merge>();
  const covered = new Set<string>();
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b] = range.split(":");
    const from = parseA1(a);
    const to = parseA1(b ?? a);
    merges.set(`${from.row},${from.col}`, { r2: to.row, c2: to.col });
    for (let r = from.row; r <= to.row; r++)
      for (let c = from.col; c <= to.col; c++) if (r !== from.row || c !== from.col) covered.add(`${r},${c}`);
  }
  const width = ws.columnCount;
  const texts = (r: number) => Array.from({ length: width }, (_, i) => shownText(ws.getCell(r, i + 1)));
  const out: Array<Paragraph | Table> = [];
  let row = 1;
  // Title lines (one text across the form) are paragraphs above the table, as in the Word form.
  for (; row <= ws.rowCount && texts(row).filter((t) => t !== "").length <= 1; row++) {
    const text = texts(row).find((t) => t !== "");
    if (text)
      out.push(
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: row === 1, size: row === 1 ? 32 : 24 })] }),
      );
  }
  const rows: TableRow[] = [];
  for (let r = row; r <= ws.rowCount; r++) {
    const cells: TableCell[] = [];
    for (let c = 1; c <= width; c++) {
      const own = merges.get(`${r},${c}`);
      if (covered.has(`${r},${c}`)) {
        // The first column of a vertical merge's later rows is a vMerge continuation cell.
        const above = [...merges.entries()].find(([k, m]) => {
          const [r1, c1] = k.split(",").map(Number);
          return c1 === c && r1 < r && m.r2 >= r;
        });
        if (above)
          cells.push(
            new TableCell({ columnSpan: above[1].c2 - c + 1, verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph("")] }),
          );
        continue;
      }
      cells.push(
        new TableCell({
          columnSpan: own ? own.c2 - c + 1 : undefined,
          verticalMerge: own && own.r2 > r ? VerticalMergeType.RESTART : undefined,
          children: texts(r)
            [c - 1].split("\n")
            .map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 20 })] })),
        }),
      );
    }
    rows.push(new TableRow({ children: cells }));
  }
  const columnWidth = Math.floor(14000 / width);
  out.push(
    new Table({ rows, width: { size: 14000, type: WidthType.DXA }, columnWidths: Array.from({ length: width }, () => columnWidth) }),
  );
  return out;
}

/** Every form of the sheets as one Word document (one table per form). */
export async function buildWordForms(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const wb = buildFormWorkbook([...sheets]);
  // A section per form: each starts on a new landscape page, and a form's table ends its section.
  const doc = new Document({
    sections: wb.worksheets.map((ws) => ({
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [...formContent(ws), new Paragraph("")],
    })),
  });
  return Packer.toBuffer(doc);
}
