/**
 * LibreOffice headless, the independent spreadsheet engine the tests trust: it recalculates every
 * formula (a dedicated profile sets OOXMLRecalcMode = 0, else it would show exceljs's cached
 * values), exports each sheet as CSV of raw values, and renders PDFs.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SOFFICE = process.env.SOFFICE ?? "soffice";

/** One profile per process: two soffice instances must not share a profile. */
function profileDir(): string {
  const dir = path.join(os.tmpdir(), `jixiao-lo-profile-${process.pid}`);
  const user = path.join(dir, "user");
  const xcu = path.join(user, "registrymodifications.xcu");
  if (!fs.existsSync(xcu)) {
    fs.mkdirSync(user, { recursive: true });
    fs.writeFileSync(
      xcu,
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale_CJK" oor:op="fuse"><value>zh-CN</value></prop></item>
</oor:items>
`,
    );
  }
  return dir;
}

export function libreOfficeAvailable(): boolean {
  try {
    execFileSync(SOFFICE, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Converts files in one soffice start (each start costs seconds); returns the output folder. */
export function convert(files: readonly string[], to: string, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  execFileSync(
    SOFFICE,
    [`-env:UserInstallation=file://${profileDir()}`, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, ...files],
    { stdio: "pipe", timeout: 300_000 },
  );
  return outDir;
}

/** Raw values (not as shown), UTF-8, every sheet to its own NAME-SHEET.csv. */
const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

export type SheetCsv = Record<string, string[][]>;

/** Recalculates each workbook in LibreOffice and returns its sheets as CSV grids, per input file. */
export function recalculate(files: readonly string[]): SheetCsv[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-recalc-"));
  convert(files, CSV_ALL_SHEETS, out);
  const produced = fs.readdirSync(out);
  return files.map((file) => {
    const base = path.basename(file).replace(/\.xlsx$/i, "");
    const sheets: SheetCsv = {};
    for (const name of produced) {
      if (name.startsWith(base + "-") && name.endsWith(".csv")) {
        sheets[name.slice(base.length + 1, -4)] = parseCsv(fs.readFileSync(path.join(out, name), "utf8"));
      }
    }
    return sheets;
  });
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The value to the right of a label cell (the 评分结果 summary block). */
export function valueRightOf(grid: string[][], label: string): string | undefined {
  for (const row of grid) {
    const i = row.indexOf(label);
    if (i >= 0) return row[i + 1];
  }
  return undefined;
}

/** Renders to PDF, then to PNG pages with pdftoppm; returns the PNG paths. */
export function renderPng(pdf: string, outPrefix: string, dpi = 60): string[] {
  execFileSync("pdftoppm", ["-png", "-r", String(dpi), pdf, outPrefix], { stdio: "pipe" });
  const dir = path.dirname(outPrefix);
  const stem = path.basename(outPrefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(stem) && f.endsWith(".png"))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The PDF's text: "layout" keeps each printed line (table rows read across), "raw" follows the
 * drawing order (a wrapped cell's lines stay together). Optionally one page only.
 */
export function pdfText(pdf: string, mode: "layout" | "raw" = "layout", page?: number): string {
  const pages = page ? ["-f", String(page), "-l", String(page)] : [];
  return execFileSync("pdftotext", [`-${mode}`, ...pages, pdf, "-"], { encoding: "utf8" });
}

/** Page sizes in points, one per page (pdfinfo). */
export function pdfPageSizes(pdf: string): Array<{ width: number; height: number }> {
  const out = execFileSync("pdfinfo", ["-f", "1", "-l", "9999", pdf], { encoding: "utf8" });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** The fonts a PDF uses (pdffonts): name and whether it is embedded. */
export function pdfFonts(pdf: string): Array<{ name: string; embedded: boolean }> {
  const out = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
  return out
    .split("\n")
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name … emb sub uni objectID gen: emb is the fifth column from the end.
      return { name: cols[0], embedded: cols[cols.length - 5] === "yes" };
    });
}
