/**
 * The CLI's WorkbookPort over an .xlsx file, bounded in time and memory by what Jixiao reads and
 * writes rather than by the workbook: `read` streams only the requested sheets (xlsxRead.ts), and
 * the output is the input package with the plan's sheets grafted in. The plan's sheets are built by
 * exceljs in a workbook of their own; their parts, styles and strings are then moved into the
 * input package, whose other parts are copied still compressed. A 300 MB data sheet beside the
 * input sheets is neither parsed nor recompressed; a million blank formatted rows are scanned once.
 *
 * Sheets of the plan replace same-named sheets in place (same tab position, like the office.js
 * adapter); new ones are added at the end.
 */
import type JSZip from "jszip";
import type { DefinedName, SheetPlan, WorkbookPlan } from "../../core/plan";
import { quoteSheet } from "../../core/cells";
import { OUTPUT_SHEETS } from "../../core/contract";
import { ALL_SHEETS, type SheetSelection, type WorkbookPort } from "../../port/workbook";
import { type SheetData, type WorkbookSnapshot } from "../../core/snapshot";
import type { ZipEntries } from "./zipEntries";
import { type Relationship, XlsxPackage, attr, encodeXml, parseRels, relsPath, resolvePart } from "./xlsxRead";

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
};
/** The previously active sheet is rewritten (to unselect its tab) only below this size. */
const MAX_REWRITE_BYTES = 16 * 1024 * 1024;

export class XlsxFileWorkbook implements WorkbookPort {
  private readonly planned = new Map<string, SheetPlan>();
  private readonly names = new Map<string, DefinedName>();
  private activate?: string;

  private constructor(
    private readonly original: Buffer,
    private readonly pkg: XlsxPackage,
  ) {}

  static async fromBuffer(data: Buffer, entries?: ZipEntries): Promise<XlsxFileWorkbook> {
    return new XlsxFileWorkbook(data, await XlsxPackage.load(data, entries));
  }

  async read(which: SheetSelection): Promise<WorkbookSnapshot> {
    const sheetNames = this.pkg.sheets.map((s) => s.name);
    // All: every sheet but Jixiao's own output sheets, which are never an input.
    const names = which === ALL_SHEETS ? sheetNames.filter((n) => !(OUTPUT_SHEETS as readonly string[]).includes(n)) : which;
    const sheets: Record<string, SheetData> = {};
    for (const name of names) {
      const sheet =
        this.pkg.sheets.find((s) => s.name === name) ?? this.pkg.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (sheet) sheets[name] = await this.pkg.readSheet(sheet, name);
    }
    return { sheetNames, sheets };
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    for (const sheet of plan.sheets) this.planned.set(sheet.name, sheet);
    for (const n of plan.names ?? []) this.names.set(n.name, n);
    if (plan.activate) this.activate = plan.activate;
  }

  /** The input package with the planned sheets in it; the input bytes themselves if nothing was planned. */
  async toBuffer(): Promise<Buffer> {
    if (this.planned.size === 0) return this.original;
    const graft = await Graft.build([...this.planned.values()]);
    const zip = await this.pkg.jszip();
    await graft.into(zip, this.pkg, this.activate, [...this.names.values()]);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }
}

interface GraftSheet {
  name: string;
  xml: string;
  /** The sheet's own parts (comments, VML), by their path in the scratch package, with their rels. */
  rels: Relationship[];
  parts: Map<string, string>;
  definedNames: string[];
}

/** The plan's sheets written by exceljs into a package of their own, ready to move. */
class Graft {
  private constructor(
    readonly sheets: GraftSheet[],
    readonly styles: string,
    readonly strings: string[],
  ) {}

  static async build(plans: SheetPlan[]): Promise<Graft> {
    // exceljs is loaded only to write: reading (a review worker) never pays for it.
    const [{ default: ExcelJS }, { writeSheet }] = await Promise.all([import("exceljs"), import("./exceljsWorkbook")]);
    const wb = new ExcelJS.Workbook();
    for (const plan of plans) writeSheet(wb.addWorksheet(plan.name), plan);
    const scratch = await XlsxPackage.load(Buffer.from(await wb.xlsx.writeBuffer()));
    const text = async (p: string) => (await scratch.text(p)) ?? "";
    const workbook = await text(scratch.workbookPath);
    const definedNames = [...workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)];
    const sst = await text("xl/sharedStrings.xml");
    const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? "");
    const sheets: GraftSheet[] = [];
    for (const [i, s] of scratch.sheets.entries()) {
      const rels = parseRels(await scratch.text(relsPath(s.path)));
      const parts = new Map<string, string>();
      for (const r of rels) parts.set(resolvePart(s.path, r.target), await text(resolvePart(s.path, r.target)));
      sheets.push({
        name: s.name,
        xml: await text(s.path),
        rels: rels.map((r) => ({ ...r, target: resolvePart(s.path, r.target) })),
        parts,
        definedNames: definedNames.filter((m) => attr(m[1], "localSheetId") === String(i)).map((m) => m[0]),
      });
    }
    return new Graft(sheets, await text("xl/styles.xml"), strings);
  }

  /** Moves the sheets into `zip` (the input package), replacing same-named sheets in place. */
  async into(zip: JSZip, pkg: XlsxPackage, activate: string | undefined, names: readonly DefinedName[] = []): Promise<void> {
    const wbPath = pkg.workbookPath;
    const wbRelsPath = relsPath(wbPath);
    let workbook = (await pkg.text(wbPath))!;
    let wbRels =
      (await pkg.text(wbRelsPath)) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    let types = (await pkg.text("[Content_Types].xml"))!;
    const rels = parseRels(wbRels);
    const removed: string[] = [];
    const added: Array<[string, string]> = [];
    const used = new Set(Object.keys(zip.files));
    const fresh = (pattern: (n: number) => string) => {
      let n = 1;
      while (used.has(pattern(n))) n++;
      used.add(pattern(n));
      return pattern(n);
    };

    // Styles: the graft's fonts, fills, borders, number formats and cell formats appended.
    const stylesRel = rels.find((r) => r.type.endsWith("/styles"));
    const stylesPath = stylesRel ? resolvePart(wbPath, stylesRel.target) : undefined;
    const target = stylesPath ? await pkg.text(stylesPath) : undefined;
    let xfMap: number[] | undefined;
    if (stylesPath && target) {
      const merged = mergeStyles(target, this.styles);
      zip.file(stylesPath, merged.xml);
      xfMap = merged.xfMap;
    } else {
      zip.file("xl/styles.xml", this.styles);
      wbRels = addRel(wbRels, "rIdJxStyles", `${REL_NS}/styles`, relTarget(wbPath, "xl/styles.xml"));
      added.push(["/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"]);
    }

    const sheetList = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*?\/?>/g)].map((m) => m[0]);
    const worksheetType = rels.find((r) => r.type.endsWith("/worksheet"))?.type ?? `${REL_NS}/worksheet`;
    let active: { index: number; path: string } | undefined;
    const sheetParts = new Map<string, string>();
    const localNames: string[] = [];
    for (const sheet of this.sheets) {
      const sheetPath = fresh((n) => `xl/worksheets/sheet${n}.xml`);
      const relId = fresh((n) => `rIdJx${n}`);
      let xml = restyle(sheet.xml, xfMap);
      xml = inlineStrings(xml, this.strings);
      // The sheet's comments and VML, under fresh names.
      const ownRels: Relationship[] = [];
      for (const r of sheet.rels) {
        const isVml = r.target.endsWith(".vml");
        const to = isVml ? fresh((n) => `xl/drawings/vmlDrawing${n}.vml`) : fresh((n) => `xl/comments${n}.xml`);
        let content = sheet.parts.get(r.target) ?? "";
        if (isVml) content = renumberVml(content, Number(/\d+(?=\.vml$)/.exec(to)![0]));
        zip.file(to, content);
        if (!isVml) added.push([`/${to}`, CT.comments]);
        ownRels.push({ ...r, target: relTarget(sheetPath, to) });
      }
      if (ownRels.length) zip.file(relsPath(sheetPath), relsXml(ownRels));
      added.push([`/${sheetPath}`, CT.worksheet]);

      const index = sheetList.findIndex((el) => (attr(el.slice(1), "name") ?? "").toLowerCase() === sheet.name.toLowerCase());
      if (index >= 0) {
        // Replaced in place: the old part, its comments and drawings and its own print names go.
        const oldId = /\s\w+:id\s*=\s*"([^"]*)"/.exec(sheetList[index])![1];
        const old = rels.find((r) => r.id === oldId);
        if (old) {
          const oldPath = resolvePart(wbPath, old.target);
          for (const r of parseRels(await pkg.text(relsPath(oldPath)))) {
            if (/\/(comments|vmlDrawing)$/.test(r.type)) removed.push(resolvePart(oldPath, r.target));
          }
          removed.push(oldPath, relsPath(oldPath));
          wbRels = wbRels.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${escapeRe(oldId)}"[^>]*/>`), "");
        }
        const el = sheetList[index].replace(/(\s\w+:id\s*=\s*")[^"]*(")/, `$1${relId}$2`);
        workbook = workbook.replace(sheetList[index], el);
        sheetList[index] = el;
        // Its print area and titles come with the graft; names the user gave its cells stay.
        workbook = workbook.replace(
          new RegExp(`<definedName\\b(?=[^>]*localSheetId="${index}")(?=[^>]*name="_xlnm\\.)[^>]*>[\\s\\S]*?</definedName>`, "g"),
          "",
        );
      } else {
        const ids = sheetList.map((el) => Number(attr(el.slice(1), "sheetId") ?? 0));
        const el = `<sheet name="${encodeXml(sheet.name)}" sheetId="${Math.max(0, ...ids) + 1}" r:id="${relId}"/>`;
        workbook = workbook.replace(/<\/(\w+:)?sheets>/, (m) => el + m);
        if (!/xmlns:r=/.test(workbook.slice(0, 2000))) workbook = workbook.replace(/<(\w+:)?workbook\b/, `$& xmlns:r="${REL_NS}"`);
        sheetList.push(el);
      }
      const position = index >= 0 ? index : sheetList.length - 1;
      if (sheet.name === activate) active = { index: position, path: sheetPath };
      localNames.push(...sheet.definedNames.map((d) => d.replace(/localSheetId="\d+"/, `localSheetId="${position}"`)));
      wbRels = addRel(wbRels, relId, worksheetType, relTarget(wbPath, sheetPath));
      sheetParts.set(sheetPath, xml);
    }
    // The key figures' workbook-level names: replaced where they exist (a user's link to the name
    // keeps working: formulas refer to names by text), added where not.
    for (const n of names) {
      const same = new RegExp(
        `<(\\w+:)?definedName\\b(?![^>]*localSheetId)[^>]*\\bname="${escapeRe(encodeXml(n.name))}"[^>]*>[\\s\\S]*?</(\\w+:)?definedName>`,
        "i",
      );
      workbook = workbook.replace(same, "");
      localNames.push(`<definedName name="${encodeXml(n.name)}">${encodeXml(`${quoteSheet(n.sheet)}!${n.address}`)}</definedName>`);
    }
    if (localNames.length) {
      if (/<(\w+:)?definedNames\b[^>]*>/.test(workbook))
        workbook = workbook.replace(/<\/(\w+:)?definedNames>/, (m) => localNames.join("") + m);
      else workbook = workbook.replace(/<\/(\w+:)?sheets>/, (m) => `${m}<definedNames>${localNames.join("")}</definedNames>`);
    }

    // The calculation chain lists formula cells of the replaced sheets: Excel rebuilds it.
    const calc = parseRels(wbRels).find((r) => r.type.endsWith("/calcChain"));
    if (calc) {
      removed.push(resolvePart(wbPath, calc.target));
      wbRels = wbRels.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${escapeRe(calc.id)}"[^>]*/>`), "");
    }
    if (active) {
      const activated = await this.activateTab(zip, pkg, workbook, sheetList, active.index, wbRels);
      if (activated) {
        workbook = activated;
        sheetParts.set(active.path, selectTab(sheetParts.get(active.path)!));
      }
    }
    for (const [path, xml] of sheetParts) zip.file(path, xml);

    for (const p of removed) {
      zip.remove(p);
      types = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRe(p)}"[^>]*/>`), "");
    }
    const overrides = added.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join("");
    types = types.replace(/<\/Types>/, overrides + "</Types>");
    if (!/Extension="vml"/i.test(types) && this.sheets.some((s) => s.rels.length)) {
      types = types.replace(/<\/Types>/, `<Default Extension="vml" ContentType="${CT.vml}"/></Types>`);
    }
    zip.file(wbPath, workbook);
    zip.file(wbRelsPath, wbRels);
    zip.file("[Content_Types].xml", types);
  }

  /**
   * Opens the workbook on the given tab: activeTab set, the previously active tab unselected (two
   * selected tabs would be a group). Left as it was where that sheet is too large to rewrite.
   */
  private async activateTab(
    zip: JSZip,
    pkg: XlsxPackage,
    workbook: string,
    sheetList: string[],
    index: number,
    wbRels: string,
  ): Promise<string | undefined> {
    const current = Number(/<(?:\w+:)?workbookView\b[^>]*\bactiveTab="(\d+)"/.exec(workbook)?.[1] ?? 0);
    if (current !== index && current < sheetList.length) {
      const relId = /\s\w+:id\s*=\s*"([^"]*)"/.exec(sheetList[current])?.[1];
      const rel = parseRels(wbRels).find((r) => r.id === relId);
      const path = rel ? resolvePart(pkg.workbookPath, rel.target) : undefined;
      const file = path ? zip.file(path) : null;
      if (path && file && !this.sheets.some((s) => s.name === attr(sheetList[current].slice(1), "name"))) {
        const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? Infinity;
        if (size > MAX_REWRITE_BYTES) return undefined;
        const xml = await file.async("string");
        zip.file(path, xml.replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(1|true)"/g, "$1"));
      }
    }
    const view = /<(\w+:)?workbookView\b[^>]*?\/?>/.exec(workbook);
    if (!view) return workbook.replace(/<(\w+:)?sheets>/, (m) => `<bookViews><workbookView activeTab="${index}"/></bookViews>${m}`);
    let el = view[0].replace(/\s(activeTab|firstSheet)="\d+"/g, "");
    el = el.replace(/<(\w+:)?workbookView\b/, `$& activeTab="${index}"`);
    return workbook.replace(view[0], el);
  }
}

/** The grafted sheet's tab selected (exceljs writes no sheet view unless panes are frozen). */
function selectTab(xml: string): string {
  const clean = xml.replace(/(<sheetView\b[^>]*?)\s+tabSelected="[^"]*"/g, "$1");
  if (/<sheetView\b/.test(clean)) return clean.replace(/<sheetView\b/, '<sheetView tabSelected="1"');
  const views = '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>';
  const before = /<(sheetFormatPr|cols|sheetData)\b/.exec(clean);
  return before ? clean.slice(0, before.index) + views + clean.slice(before.index) : clean;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function relTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

function addRel(xml: string, id: string, type: string, target: string): string {
  return xml.replace(/<\/(\w+:)?Relationships>/, (m) => `<Relationship Id="${id}" Type="${type}" Target="${encodeXml(target)}"/>${m}`);
}

function relsXml(rels: Relationship[]): string {
  const items = rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${encodeXml(r.target)}"/>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

/** Cell, row and column style indexes moved to the target's cell formats. */
function restyle(xml: string, xfMap: readonly number[] | undefined): string {
  if (!xfMap) return xml;
  const to = (s: string) => xfMap[Number(s)] ?? s;
  return xml
    .replace(/<(c|row)\b([^>]*?)\ss="(\d+)"/g, (_, tag: string, before: string, s: string) => `<${tag}${before} s="${to(s)}"`)
    .replace(/<col\b([^>]*?)\sstyle="(\d+)"/g, (_, before: string, s: string) => `<col${before} style="${to(s)}"`);
}

/** Shared-string cells become inline strings: the target's string table is left alone. */
function inlineStrings(xml: string, strings: readonly string[]): string {
  return xml.replace(
    /<c\b([^>]*?)\st="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
    (_, a: string, b: string, i: string) => `<c${a} t="inlineStr"${b}><is>${strings[Number(i)] ?? ""}</is></c>`,
  );
}

/** VML shape ids are unique per drawing block: the grafted drawing gets a block of its own. */
function renumberVml(vml: string, n: number): string {
  const block = 1000 + n;
  let shape = block * 1024;
  return vml.replace(/(<o:idmap\b[^>]*\bdata=")[^"]*(")/, `$1${block}$2`).replace(/\bid="_x0000_s\d+"/g, () => `id="_x0000_s${++shape}"`);
}

/**
 * Adds the graft's styles to the target's; returns the target index of each graft cell format.
 * An item identical to one the target has is reused, so scoring an output again does not grow it.
 */
function mergeStyles(target: string, graft: string): { xml: string; xfMap: number[] } {
  const section = (xml: string, tag: string) => new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${tag}>)`).exec(xml);
  const items = (body: string | undefined, tag: string) =>
    [...(body ?? "").matchAll(new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${tag}>)`, "g"))].map((m) => m[0]);
  let xml = target;
  const indexes: Record<string, number[]> = {};
  const add = (tag: string, list: string, graftItems: string[]) => {
    const m = section(xml, list);
    const existing = items(m?.[1], tag);
    const at = new Map(existing.map((x, i) => [x, i] as const));
    const added: string[] = [];
    indexes[list] = graftItems.map((x) => {
      let i = at.get(x);
      if (i === undefined) at.set(x, (i = existing.length + added.push(x) - 1));
      return i;
    });
    if (added.length === 0) return;
    const el = `<${list} count="${existing.length + added.length}">${existing.join("") + added.join("")}</${list}>`;
    if (m) xml = xml.replace(m[0], el);
    else xml = xml.replace(/<(\w+:)?styleSheet\b[^>]*>/, (s) => s + el);
  };
  // Number formats: a graft code the target has keeps the target's id; others get ids above the target's.
  const targetFmts = items(section(xml, "numFmts")?.[1], "numFmt");
  const maxId = Math.max(163, ...targetFmts.map((f) => Number(attr(f.slice(1), "numFmtId") ?? 0)));
  const byCode = new Map(targetFmts.map((f) => [attr(f.slice(1), "formatCode"), Number(attr(f.slice(1), "numFmtId"))] as const));
  const fmtMap = new Map<number, number>();
  const graftFmts: string[] = [];
  for (const f of items(section(graft, "numFmts")?.[1], "numFmt")) {
    const code = attr(f.slice(1), "formatCode");
    let id = byCode.get(code);
    if (id === undefined) {
      id = maxId + 1 + graftFmts.length;
      graftFmts.push(f.replace(/numFmtId="\d+"/, `numFmtId="${id}"`));
      byCode.set(code, id);
    }
    fmtMap.set(Number(attr(f.slice(1), "numFmtId")), id);
  }
  // Lists in schema order (numFmts, fonts, fills, borders, cellStyleXfs, cellXfs): create missing ones in place.
  const order = ["numFmts", "fonts", "fills", "borders"];
  for (const [i, list] of order.entries()) {
    if (section(xml, list) || i === 0) continue;
    const prev = order
      .slice(0, i)
      .reverse()
      .map((l) => section(xml, l))
      .find(Boolean);
    const el = `<${list} count="0"></${list}>`;
    xml = prev ? xml.replace(prev[0], prev[0] + el) : xml.replace(/<(\w+:)?styleSheet\b[^>]*>/, (s) => s + el);
  }
  add("numFmt", "numFmts", graftFmts);
  add("font", "fonts", items(section(graft, "fonts")?.[1], "font"));
  add("fill", "fills", items(section(graft, "fills")?.[1], "fill"));
  add("border", "borders", items(section(graft, "borders")?.[1], "border"));
  const remap = (xf: string, key: string, list: string) =>
    xf.replace(new RegExp(`\\b${key}="(\\d+)"`), (_, n: string) => `${key}="${indexes[list][Number(n)] ?? n}"`);
  const xfs = items(section(graft, "cellXfs")?.[1], "xf").map((xf) => {
    const out = remap(remap(remap(xf, "fontId", "fonts"), "fillId", "fills"), "borderId", "borders");
    return out
      .replace(/\bnumFmtId="(\d+)"/, (_, n: string) => `numFmtId="${fmtMap.get(Number(n)) ?? n}"`)
      .replace(/\bxfId="\d+"/, 'xfId="0"');
  });
  add("xf", "cellXfs", xfs);
  return { xml, xfMap: indexes.cellXfs };
}
