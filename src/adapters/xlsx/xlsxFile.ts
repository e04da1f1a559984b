/**
 * The CLI's WorkbookPort over an .xlsx file, bounded in time and memory by what Jixiao reads and
 * writes rather than by the workbook: `read` streams only the requested sheets (xlsxRead.ts), and
 * the output is the input package with the plan's sheets grafted in. The plan's sheets are written
 * as SpreadsheetML straight into the input package (sheetXml.ts), their cell formats appended to its
 * styles; its other parts are copied still compressed. A 300 MB data sheet beside the
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
import type { SheetData, WorkbookSnapshot } from "../../core/snapshot";
import { NOTE_RELS, NS, PlanStyles, REL as REL_NS, printNames, sheetNotes, sheetXml } from "./sheetXml";
import type { ZipEntries } from "./zipEntries";
import { type Relationship, XlsxPackage, attr, encodeXml, parseRels, relsPath, resolvePart } from "./xlsxRead";

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

  /** A package without sheets: the plan's sheets become its only ones (插入模板, the sample). */
  static async empty(): Promise<XlsxFileWorkbook> {
    const { default: JSZip } = await import("jszip");
    const zip = new JSZip();
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    const pkgRels = "http://schemas.openxmlformats.org/package/2006/relationships";
    zip.file(
      "[Content_Types].xml",
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        "</Types>",
    );
    zip.file(
      "_rels/.rels",
      `${head}<Relationships xmlns="${pkgRels}">${relationshipXml("rId1", `${REL_NS}/officeDocument`, "xl/workbook.xml")}</Relationships>`,
    );
    zip.file("xl/workbook.xml", `${head}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets></sheets></workbook>`);
    zip.file("xl/_rels/workbook.xml.rels", `${head}<Relationships xmlns="${pkgRels}"></Relationships>`);
    return XlsxFileWorkbook.fromBuffer(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
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
    const graft = new Graft([...this.planned.values()]);
    const zip = await this.pkg.jszip();
    await graft.into(zip, this.pkg, this.activate, [...this.names.values()]);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }
}

/** The plan's sheets, written as SpreadsheetML (sheetXml.ts) straight into the input package. */
class Graft {
  readonly styles: PlanStyles;

  constructor(readonly plans: SheetPlan[]) {
    this.styles = new PlanStyles(plans);
  }

  /** Moves the sheets into `zip` (the input package), replacing same-named sheets in place. */
  async into(zip: JSZip, pkg: XlsxPackage, activate: string | undefined, names: readonly DefinedName[] = []): Promise<void> {
    const wbPath = pkg.workbookPath;
    const wbRelsPath = relsPath(wbPath);
    let workbook = await requiredPart(pkg, wbPath);
    let wbRels =
      (await pkg.text(wbRelsPath)) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    let types = await requiredPart(pkg, "[Content_Types].xml");
    const rels = parseRels(wbRels);
    const removed: string[] = [];
    const added: Array<[string, string]> = [];
    // Part names and the workbook's relationship ids in use (an input Jixiao wrote has rIdJx… ids).
    const used = new Set([...Object.keys(zip.files), ...rels.map((r) => r.id)]);
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
      const merged = mergeStyles(target, this.styles.xml());
      zip.file(stylesPath, merged.xml);
      xfMap = merged.xfMap;
    } else {
      zip.file("xl/styles.xml", this.styles.xml());
      wbRels = addRel(wbRels, "rIdJxStyles", `${REL_NS}/styles`, relTarget(wbPath, "xl/styles.xml"));
      added.push(["/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"]);
    }

    const sheetList = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*?\/?>/g)].map((m) => m[0]);
    const worksheetType = rels.find((r) => r.type.endsWith("/worksheet"))?.type ?? `${REL_NS}/worksheet`;
    let active: { index: number; path: string } | undefined;
    /** Each sheet's part, written once the active tab is known. */
    const sheetParts = new Map<string, (selected: boolean) => string>();
    const localNames: string[] = [];
    const xfOf = (plan: SheetPlan) => (style: string | undefined) => {
      const i = this.styles.xf(plan, style);
      return xfMap?.[i] ?? i;
    };
    for (const plan of this.plans) {
      const sheetPath = fresh((n) => `xl/worksheets/sheet${n}.xml`);
      const relId = fresh((n) => `rIdJx${n}`);
      // The notes' comments and VML, under fresh names; the VML's shapes in a block of their own.
      if (plan.notes.length) {
        const commentsPath = fresh((n) => `xl/comments${n}.xml`);
        const vmlPath = fresh((n) => `xl/drawings/vmlDrawing${n}.vml`);
        const notes = sheetNotes(plan, 1000 + Number(/(\d+)\.vml$/.exec(vmlPath)?.[1] ?? 0));
        zip.file(commentsPath, notes?.comments ?? "");
        zip.file(vmlPath, notes?.vml ?? "");
        added.push([`/${commentsPath}`, CT.comments]);
        const own: Relationship[] = [
          { id: NOTE_RELS.comments, type: `${REL_NS}/comments`, target: relTarget(sheetPath, commentsPath) },
          { id: NOTE_RELS.vml, type: `${REL_NS}/vmlDrawing`, target: relTarget(sheetPath, vmlPath) },
        ];
        zip.file(relsPath(sheetPath), relsXml(own));
      }
      added.push([`/${sheetPath}`, CT.worksheet]);

      const index = sheetList.findIndex((el) => (attr(el.slice(1), "name") ?? "").toLowerCase() === plan.name.toLowerCase());
      if (index >= 0) {
        // Replaced in place: the old part, its comments and drawings and its own print names go.
        const oldId = /\s\w+:id\s*=\s*"([^"]*)"/.exec(sheetList[index])?.[1];
        const old = rels.find((r) => r.id === oldId);
        if (old) {
          const oldPath = resolvePart(wbPath, old.target);
          for (const r of parseRels(await pkg.text(relsPath(oldPath)))) {
            if (/\/(comments|vmlDrawing)$/.test(r.type)) removed.push(resolvePart(oldPath, r.target));
          }
          removed.push(oldPath, relsPath(oldPath));
          wbRels = wbRels.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${escapeRe(old.id)}"[^>]*/>`), "");
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
        const el = `<sheet name="${encodeXml(plan.name)}" sheetId="${Math.max(0, ...ids) + 1}" r:id="${relId}"/>`;
        workbook = workbook.replace(/<\/(\w+:)?sheets>/, (m) => el + m);
        if (!/xmlns:r=/.test(workbook.slice(0, 2000))) workbook = workbook.replace(/<(\w+:)?workbook\b/, `$& xmlns:r="${REL_NS}"`);
        sheetList.push(el);
      }
      const position = index >= 0 ? index : sheetList.length - 1;
      if (plan.name === activate) active = { index: position, path: sheetPath };
      localNames.push(...printNames(plan, position));
      wbRels = addRel(wbRels, relId, worksheetType, relTarget(wbPath, sheetPath));
      sheetParts.set(sheetPath, (selected) => sheetXml(plan, xfOf(plan), selected));
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
    let selected: string | undefined;
    if (active) {
      const activated = await this.activateTab(zip, pkg, workbook, sheetList, active.index, wbRels);
      if (activated) {
        workbook = activated;
        selected = active.path;
      }
    }
    // Each sheet's XML is made here, once, and handed to the zip.
    for (const [path, write] of sheetParts) zip.file(path, write(path === selected));

    for (const p of removed) {
      zip.remove(p);
      types = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRe(p)}"[^>]*/>`), "");
    }
    const overrides = added.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join("");
    types = types.replace(/<\/Types>/, overrides + "</Types>");
    if (!/Extension="vml"/i.test(types) && this.plans.some((s) => s.notes.length)) {
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
      if (path && file && !this.plans.some((s) => s.name === attr(sheetList[current].slice(1), "name"))) {
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

const relationshipXml = (id: string, type: string, target: string): string =>
  `<Relationship Id="${id}" Type="${type}" Target="${encodeXml(target)}"/>`;

function addRel(xml: string, id: string, type: string, target: string): string {
  return xml.replace(/<\/(\w+:)?Relationships>/, (m) => relationshipXml(id, type, target) + m);
}

function relsXml(rels: Relationship[]): string {
  const items = rels.map((r) => relationshipXml(r.id, r.type, r.target)).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
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

/** A part every workbook has (its workbook part, its content types); read when opening, so missing only in a broken package. */
async function requiredPart(pkg: XlsxPackage, path: string): Promise<string> {
  const text = await pkg.text(path);
  if (text === undefined) throw new Error(`${path}: missing from the workbook package`);
  return text;
}
