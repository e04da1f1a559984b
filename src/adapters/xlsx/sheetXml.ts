/**
 * The one SpreadsheetML writer: every sheet Jixiao writes to a file is XML written here, one pass
 * over the cells, strings inline. The CLI's plan sheets (`sheetXml`, grafted into the input package
 * by xlsxFile.ts) and `jixiao review`'s summary (review/summaryWorkbook.ts, which spools its rows)
 * share the cell, text and style pieces below. No workbook object model is built: at 10,000
 * indicators a model (exceljs) cost seconds and hundreds of MB to write and read back (bench).
 */
import { a1, columnLetter, parseA1, quoteSheet } from "../../core/cells";
import type { CellStyle, PlanCell, SheetPlan } from "../../core/plan";
import { encodeXml } from "./xlsxRead";

export const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text as XML character data: characters XML 1.0 cannot carry become the _xHHHH_ escapes Excel reads back. */
export function xmlText(s: string): string {
  return encodeXml(s.replace(/_(?=x[0-9a-fA-F]{4}_)/g, "_x005F_")).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

export type XmlValue = string | number | boolean | null | undefined;

/**
 * One cell: a number, logical or inline string, a formula with its cached value, or an empty styled
 * cell. `xf` 0 writes no style attribute (the workbook's default format).
 */
export function cellXml(ref: string, value: XmlValue, xf: number, formula?: string): string {
  const s = xf ? ` s="${xf}"` : "";
  const f = formula === undefined ? "" : `<f>${encodeXml(formula)}</f>`;
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${s}>${f}<v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string" && (value !== "" || formula !== undefined)) {
    if (formula !== undefined) return `<c r="${ref}"${s} t="str">${f}<v>${xmlText(value)}</v></c>`;
    const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  }
  return `<c r="${ref}"${s}>${f}</c>`;
}

/** Excel's built-in number formats by code: they are referred to by id, never declared. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};
/**
 * A new workbook's default font. Column widths are counted in its digit width, and the layout
 * (typography.ts, planRects.ts) assumes Calibri 11's 7 px: with another default the report's columns
 * come out wider than planned and its rows taller than their wrapped lines.
 */
const DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';

/**
 * The plan sheets' cell formats as one style sheet: each distinct CellStyle is one cellXfs entry
 * (index 0 is the default), its font, fill, border and number format entries shared.
 */
export class PlanStyles {
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>();
  private readonly fonts = [DEFAULT_FONT];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly numFmts: string[] = [];
  /** Per plan: style name → cellXfs index. */
  private readonly indexes = new Map<SheetPlan, Map<string, number>>();

  constructor(plans: readonly SheetPlan[]) {
    for (const plan of plans) {
      const names = new Map<string, number>();
      for (const [name, style] of Object.entries(plan.styles)) names.set(name, this.add(style));
      this.indexes.set(plan, names);
    }
  }

  /** The cellXfs index of a plan's named style; 0 (the default) for none. */
  xf(plan: SheetPlan, style: string | undefined): number {
    return style === undefined ? 0 : (this.indexes.get(plan)?.get(style) ?? 0);
  }

  private item(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    return i >= 0 ? i : list.push(xml) - 1;
  }

  private add(s: CellStyle): number {
    const key = JSON.stringify(s);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let fontId = 0;
    if (s.font) {
      const f = s.font;
      fontId = this.item(
        this.fonts,
        "<font>" +
          (f.bold ? "<b/>" : "") +
          (f.size ? `<sz val="${f.size}"/>` : "") +
          (f.color ? `<color rgb="FF${f.color}"/>` : "") +
          (f.name ? `<name val="${encodeXml(f.name)}"/><family val="2"/><charset val="134"/>` : "") +
          "</font>",
      );
    }
    const fillId = s.fill
      ? this.item(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="FF${s.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const side = (t: string) => `<${t} style="thin"><color rgb="FF808080"/></${t}>`;
    const borderId = s.border
      ? this.item(this.borders, `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`)
      : 0;
    let numFmtId = 0;
    if (s.numFmt) {
      numFmtId = BUILTIN_FORMATS[s.numFmt] ?? 164 + this.item(this.numFmts, s.numFmt);
    }
    const a = s.align;
    const alignment = a
      ? "<alignment" +
        (a.h ? ` horizontal="${a.h}"` : "") +
        (a.v ? ` vertical="${a.v === "middle" ? "center" : a.v}"` : "") +
        (a.wrap ? ' wrapText="1"' : "") +
        (a.indent ? ` indent="${a.indent}"` : "") +
        "/>"
      : "";
    const applied =
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (alignment ? ' applyAlignment="1"' : "");
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    const index = this.xfs.push(alignment ? `${xf}>${alignment}</xf>` : `${xf}/>`) - 1;
    this.byKey.set(key, index);
    return index;
  }

  /** styles.xml. */
  xml(): string {
    const list = (tag: string, items: readonly string[]) => `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    const fmts = this.numFmts.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${encodeXml(code)}"/>`);
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS}">` +
      (fmts.length ? list("numFmts", fmts) : "") +
      list("fonts", this.fonts) +
      list("fills", this.fills) +
      list("borders", this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs) +
      '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

/** The relationship ids a written sheet's XML refers to for its notes. */
export const NOTE_RELS = { comments: "rIdJxComments", vml: "rIdJxVml" } as const;

/** `A1:C3` → `$A$1:$C$3`. */
const absolute = (range: string): string =>
  range
    .split(":")
    .map((address) => {
      const { row, col } = parseA1(address);
      return a1(row, col, true);
    })
    .join(":");

/**
 * A plan sheet as SpreadsheetML (element order of CT_Worksheet); its notes refer to NOTE_RELS.
 * `xf` maps the plan's style names to cell formats. Merged ranges carry their first cell's format on
 * every cell, so borders run round the whole range.
 */
export function sheetXml(plan: SheetPlan, xf: (style: string | undefined) => number, selected: boolean): string {
  const merged = new Map<number, Map<number, number>>();
  let lastCol = plan.cells.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
  for (const range of plan.merges) {
    const [from, to = from] = range.split(":").map(parseA1);
    const style = xf(plan.cells[from.row - 1]?.[from.col - 1]?.s);
    lastCol = Math.max(lastCol, to.col);
    for (let r = from.row; r <= to.row; r++)
      for (let c = from.col; c <= to.col; c++) {
        if (r === from.row && c === from.col) continue;
        let row = merged.get(r);
        if (!row) merged.set(r, (row = new Map()));
        row.set(c, style);
      }
  }
  const heights = plan.rowHeights;
  let rowCount = plan.cells.length;
  for (const r of [...Object.keys(heights).map(Number), ...merged.keys()]) rowCount = Math.max(rowCount, r);
  const rows: string[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const cells = plan.cells[r - 1] ?? [];
    const slaves = merged.get(r);
    const height = heights[r];
    const out: string[] = [];
    const width = Math.max(cells.length, slaves ? Math.max(...slaves.keys()) : 0);
    for (let c = 1; c <= width; c++) {
      const slave = slaves?.get(c);
      if (slave !== undefined) {
        out.push(slave ? `<c r="${a1(r, c)}" s="${slave}"/>` : "");
        continue;
      }
      const cell: PlanCell | null | undefined = cells[c - 1];
      if (cell) out.push(cellXml(a1(r, c), cell.v, xf(cell.s), cell.f));
    }
    if (!out.some(Boolean) && height === undefined) continue;
    rows.push(`<row r="${r}"${height !== undefined ? ` ht="${height}" customHeight="1"` : ""}>${out.join("")}</row>`);
  }

  const p = plan.pageSetup;
  const sheetPr =
    plan.tabColor || p?.fitToWidth
      ? "<sheetPr>" +
        (plan.tabColor ? `<tabColor rgb="FF${plan.tabColor}"/>` : "") +
        (p?.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "") +
        "</sheetPr>"
      : "";
  const frozen = plan.freeze && (plan.freeze.rows || plan.freeze.cols) ? plan.freeze : undefined;
  let pane = "";
  if (frozen) {
    const topLeft = a1(frozen.rows + 1, frozen.cols + 1);
    const active = frozen.rows && frozen.cols ? "bottomRight" : frozen.rows ? "bottomLeft" : "topRight";
    pane =
      `<pane${frozen.cols ? ` xSplit="${frozen.cols}"` : ""}${frozen.rows ? ` ySplit="${frozen.rows}"` : ""}` +
      ` topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
      `<selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  }
  const cols = plan.columnWidths.map((w, i) => (w ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : "")).join("");
  const validations = plan.validations.map((v) => {
    const list = v.list.join(",");
    return (
      '<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="warning"' +
      (v.prompt ? ` showInputMessage="1" prompt="${xmlText(v.prompt)}"` : "") +
      ` error="${xmlText(`请从下拉列表选择：${v.list.join("、")}`)}" sqref="${v.range}">` +
      `<formula1>${xmlText(`"${list}"`)}</formula1></dataValidation>`
    );
  });
  const breaks = plan.pageBreaksAfter ?? [];
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS}" xmlns:r="${REL}">` +
    sheetPr +
    `<dimension ref="A1:${columnLetter(Math.max(1, lastCol))}${Math.max(1, rowCount)}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${rows.join("")}</sheetData>` +
    (plan.merges.length
      ? `<mergeCells count="${plan.merges.length}">${plan.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
      : "") +
    (validations.length ? `<dataValidations count="${validations.length}">${validations.join("")}</dataValidations>` : "") +
    (p
      ? '<printOptions horizontalCentered="1"/>' +
        `<pageMargins left="${p.margins.left}" right="${p.margins.right}" top="${p.margins.top}" bottom="${p.margins.bottom}"` +
        ` header="${p.margins.header}" footer="${p.margins.footer}"/>` +
        `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="1" fitToHeight="0"/>` +
        (p.centerFooter ? `<headerFooter><oddFooter>${xmlText(p.centerFooter)}</oddFooter></headerFooter>` : "")
      : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>') +
    (breaks.length
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">` +
        breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("") +
        "</rowBreaks>"
      : "") +
    (plan.notes.length ? `<legacyDrawing r:id="${NOTE_RELS.vml}"/>` : "") +
    "</worksheet>"
  );
}

/** The print area and titles, as defined names of the sheet at tab position `localSheetId`. */
export function printNames(plan: SheetPlan, localSheetId: number): string[] {
  const p = plan.pageSetup;
  const sheet = quoteSheet(plan.name);
  const name = (n: string, ref: string) =>
    `<definedName name="${n}" localSheetId="${localSheetId}">${encodeXml(`${sheet}!${ref}`)}</definedName>`;
  const names: string[] = [];
  if (p?.printArea) names.push(name("_xlnm.Print_Area", absolute(p.printArea)));
  if (p?.printTitleRows) names.push(name("_xlnm.Print_Titles", p.printTitleRows.replace(/\$?(\d+)/g, "$$$1")));
  return names;
}

/**
 * The notes as Excel stores them: the comments part and the legacy VML shapes that show them on
 * hover, numbered in the block `block` (unique per drawing in the workbook). None without notes.
 */
export function sheetNotes(plan: SheetPlan, block: number): { comments: string; vml: string } | undefined {
  const { notes } = plan;
  if (!notes.length) return undefined;
  const comments =
    XML_HEAD +
    `<comments xmlns="${NS}"><authors><author>Jixiao</author></authors><commentList>` +
    notes.map((n) => `<comment ref="${n.address}" authorId="0"><text><r><t>${xmlText(n.text)}</t></r></text></comment>`).join("") +
    "</commentList></comments>";
  const shapes = notes.map((n, i) => {
    const { row, col } = parseA1(n.address);
    return (
      `<v:shape id="_x0000_s${block * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:105.3pt;` +
      'margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:1;visibility:hidden" fillcolor="infoBackground [80]" ' +
      'strokecolor="none [81]" o:insetmode="auto"><v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/>' +
      '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"/></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 6, ${row - 1}, 14, ${col + 2}, 2, ${row + 3}, 16</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`
    );
  });
  const vml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>' +
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes.join("") +
    "</xml>";
  return { comments, vml };
}
