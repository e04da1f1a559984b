/**
 * `review`'s 问题清单 is rendered from typed problems: the place column from each problem's `ref`
 * (empty for a problem with the file itself), the severity from `severity`, the text from `code`.
 * With a catalogue entry reworded, every planted slip and broken file is still listed at its place.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import * as problems from "../../../src/core/problems";
import { reviewAll } from "../../../src/review/pool";
import { SUMMARY_SHEETS, SummaryBuilder } from "../../../src/review/summaryWorkbook";
import { type BatchManifest, writeReviewBatch } from "../../fixtures/reviewBatch";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-problem-rows-"));
const batch = path.join(dir, "in");
let manifest: BatchManifest;

beforeAll(async () => {
  manifest = await writeReviewBatch(batch, { count: 24, seed: 7 });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

interface Row {
  file: string;
  cell: string;
  severity: string;
  message: string;
}

/** The batch reviewed in this thread, and the rows of its 问题清单 as the summary workbook has them. */
async function issueRows(): Promise<Row[]> {
  const files = manifest.files.map((f) => path.join(batch, f));
  const results = await reviewAll(files, { jobs: 1 });
  const out = path.join(dir, "SUMMARY.xlsx");
  const builder = new SummaryBuilder(out);
  for (const r of results) builder.add(r);
  await builder.finish(out);
  builder.dispose();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const text = (v: ExcelJS.CellValue) => (v && typeof v === "object" && "text" in v ? String(v.text) : String(v ?? ""));
  const rows = (wb.getWorksheet(SUMMARY_SHEETS.issues)!.getSheetValues().slice(2) as ExcelJS.CellValue[][]).filter(Boolean);
  return rows.map((r) => ({
    file: path
      .relative(batch, path.resolve(dir, text(r[1])))
      .split(path.sep)
      .join("/"),
    cell: text(r[2]),
    severity: text(r[3]),
    message: text(r[4]),
  }));
}

const places = (rows: Row[]) => rows.map((r) => `${r.file}|${r.cell}`).sort();
const expected = () => [...manifest.slips, ...manifest.broken].map((s) => `${s.file}|${s.cell}`).sort();

test("each planted slip and broken file is a row at its place, worded from the catalogue", async () => {
  expect(manifest.slips.length).toBeGreaterThan(3);
  const rows = await issueRows();
  expect(places(rows)).toEqual(expected());
  for (const s of manifest.slips)
    expect(rows.find((r) => r.file === s.file && r.cell === s.cell)).toMatchObject({
      severity: "提示",
      message: expect.stringContaining(s.includes),
    });
  // A file with nothing readable is an error with no cell (its ref is null).
  expect(rows.filter((r) => r.cell === "").every((r) => r.severity === "错误")).toBe(true);
}, 120_000);

test("with every message reworded, 问题清单 still lists the same places, in the new words", async () => {
  jest.spyOn(problems, "renderProblem").mockImplementation((p) => `〔${p.code}〕`);
  const rows = await issueRows();
  expect(places(rows)).toEqual(expected());
  for (const r of rows) expect(r.message).toMatch(/^〔[a-zA-Z.]+〕$/);
  expect(rows.filter((r) => r.severity === "提示").length).toBeGreaterThanOrEqual(manifest.slips.length);
}, 120_000);
