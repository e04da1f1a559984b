/**
 * Editing an .xlsx at the XML level, for workbooks exceljs cannot make: NaN and 1e309 in <v>, a
 * formula without its cached value, error values, a stray cell at XFD1048576, a million blank
 * formatted rows, sheet names with zero-width characters.
 */
import JSZip from "jszip";
import { attr, parseRels, relsPath, resolvePart } from "../../src/adapters/xlsx/xlsxRead";
import { columnNumber } from "../../src/core/cells";

export class XlsxEdit {
  private constructor(readonly zip: JSZip) {}

  static async open(data: Buffer): Promise<XlsxEdit> {
    return new XlsxEdit(await JSZip.loadAsync(data));
  }

  private async text(path: string): Promise<string> {
    return (await this.zip.file(path)?.async("string")) ?? "";
  }

  async sheetPath(name: string): Promise<string> {
    const wb = await this.text("xl/workbook.xml");
    const el = [...wb.matchAll(/<sheet\b([^>]*)\/>/g)].find((m) => attr(m[1], "name") === name);
    if (!el) throw new Error(`no sheet ${name}`);
    const id = /\sr:id="([^"]*)"/.exec(el[1])![1];
    const rel = parseRels(await this.text(relsPath("xl/workbook.xml"))).find((r) => r.id === id)!;
    return resolvePart("xl/workbook.xml", rel.target);
  }

  async editSheet(name: string, edit: (xml: string) => string): Promise<this> {
    const path = await this.sheetPath(name);
    this.zip.file(path, edit(await this.text(path)));
    return this;
  }

  /** Sets one cell's XML (`<c r="…">…</c>`, r filled in), replacing what was there, rows kept in order. */
  async setCell(sheet: string, ref: string, inner: string, attrs = ""): Promise<this> {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const row = Number(m[2]);
    const cell = inner ? `<c r="${ref}"${attrs ? " " + attrs : ""}>${inner}</c>` : `<c r="${ref}"${attrs ? " " + attrs : ""}/>`;
    return this.editSheet(sheet, (xml) => {
      const rowRe = new RegExp(`<row\\b[^>]*\\br="${row}"[^>]*?(?:/>|>([\\s\\S]*?)</row>)`);
      const found = rowRe.exec(xml);
      if (found) {
        const cells = [...(found[1] ?? "").matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)]
          .map((c) => c[0])
          .filter((c) => attr(c.slice(2), "r") !== ref);
        cells.push(cell);
        const colOf = (c: string) => columnNumber(/^[A-Z]+/.exec(attr(c.slice(2), "r")!)![0]);
        cells.sort((a, b) => colOf(a) - colOf(b));
        const open = /^<row\b[^>]*?(?=\/?>)/.exec(found[0])![0].replace(/\sspans="[^"]*"/, "");
        return xml.replace(found[0], `${open}>${cells.join("")}</row>`);
      }
      const rows = [...xml.matchAll(/<row\b[^>]*\br="(\d+)"/g)];
      const next = rows.find((r) => Number(r[1]) > row);
      const el = `<row r="${row}">${cell}</row>`;
      return next ? xml.slice(0, next.index) + el + xml.slice(next.index) : xml.replace("</sheetData>", el + "</sheetData>");
    });
  }

  async renameSheet(from: string, to: string): Promise<this> {
    const wb = await this.text("xl/workbook.xml");
    this.zip.file("xl/workbook.xml", wb.replace(`name="${from}"`, `name="${to}"`));
    return this;
  }

  async toBuffer(): Promise<Buffer> {
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }
}

/** Inline text for setCell: `t="inlineStr"` goes in attrs. */
export function inlineText(text: string): string {
  const esc = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<is><t xml:space="preserve">${esc}</t></is>`;
}

/** `rows` blank rows formatted with style `s`, from row `from`: the "Ctrl+End is miles away" sheet. */
export function blankFormattedRows(xml: string, from: number, rows: number, s = 1): string {
  const parts: string[] = [];
  for (let r = from; r < from + rows; r++)
    parts.push(`<row r="${r}" s="${s}" customFormat="1"><c r="A${r}" s="${s}"/><c r="F${r}" s="${s}"/><c r="M${r}" s="${s}"/></row>`);
  return xml
    .replace("</sheetData>", parts.join("") + "</sheetData>")
    .replace(/<dimension ref="[^"]*"/, `<dimension ref="A1:M${from + rows - 1}"`);
}
