#!/usr/bin/env node
/**
 * `npm run bench`: scores a workbook of 10,000 indicator rows and 2,000 budget lines, and times
 * it beside the I/O floor measured in the same run: exceljs alone reading and writing back the
 * very workbook `score` produced (no engine on exceljs can do less). Prints the figures and writes
 * bench/results.json. Figures, not a pass/fail test: the goal is ratio ≤ 1.3.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { performance } = require("perf_hooks");
const ExcelJS = require("exceljs");
const { main } = require("../dist/cli/main");
const { generateInput } = require("../build/fixtures/test/fixtures/generate");
const { ExcelJsWorkbook } = require("../dist/adapters/xlsx/exceljsWorkbook");
const { buildInputSheets } = require("../dist/core/sheets/inputSheets");

const ROWS = 10000;
const BUDGET_LINES = 2000;
const ROUNDS = 3;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const quiet = { stdout: () => {}, stderr: () => {} };

async function time(fn) {
  if (global.gc) global.gc();
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-bench-"));
  const input = path.join(dir, "input.xlsx");
  const output = path.join(dir, "output.xlsx");
  const floorOut = path.join(dir, "floor.xlsx");
  const data = generateInput(7, { indicators: ROWS, budgetLines: BUDGET_LINES, type: "部门整体支出", amountUnit: "万元" });
  const wb = ExcelJsWorkbook.empty();
  await wb.apply({ sheets: buildInputSheets("部门整体支出", data) });
  fs.writeFileSync(input, await wb.toBuffer());

  const scoreTimes = [];
  const floorTimes = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate the two so machine noise hits both alike; keep the best of each.
    scoreTimes.push(
      await time(async () => {
        const code = await main(["score", input, "-o", output], quiet);
        if (code !== 0) throw new Error(`score exited ${code}`);
      }),
    );
    floorTimes.push(
      await time(async () => {
        const w = new ExcelJS.Workbook();
        await w.xlsx.readFile(output);
        await w.xlsx.writeFile(floorOut);
      }),
    );
  }
  clearInterval(sampler);
  const scoreMs = Math.round(Math.min(...scoreTimes));
  const floorMs = Math.round(Math.min(...floorTimes));
  const results = {
    rows: ROWS,
    budgetLines: BUDGET_LINES,
    scoreMs,
    floorMs,
    ratio: Math.round((scoreMs / floorMs) * 100) / 100,
    peakMB: Math.round(peakRss / 1024 / 1024),
    inputKB: Math.round(fs.statSync(input).size / 1024),
    outputKB: Math.round(fs.statSync(output).size / 1024),
  };
  // peakMB above is this process's, the floor's exceljs read and write included; score's own peak
  // is measured in a node of its own (issue 19: before and after one writer).
  const own = scoreInChild(input, output);
  Object.assign(results, { scoreChildMs: own.ms, scorePeakMB: own.peakMB });

  // Official forms: 50 forms of 30 indicators (scripts/bench-forms.js).
  Object.assign(results, await require("./bench-forms").formsFigures());
  console.log(`forms: ${JSON.stringify(results.forms)} (goal ratio ≤ 1.3)`);

  Object.assign(results, await require("./bench-review").reviewFigures()); // jixiao review on 1,000 workbooks (issue 11)
  // A province in one run (issue 18): peak memory at 10,000 (and, opt-in, 50,000) files.
  Object.assign(results.review, await require("./bench-review").provinceFigures());
  console.log(`review: ${JSON.stringify(results.review)} (goals: ratio ≤ 0.7, peak < 400 MB at 50,000 files)`);

  // Hostile workbooks (issue 8), each scored in a child process so its peak RSS is its own.
  Object.assign(results, { robust: await robustFigures(dir) });

  // The add-in's figures (bundle size, sync counts), where the add-in's bench module exists.
  const addin = path.join(__dirname, "bench-addin.js");
  if (fs.existsSync(addin)) Object.assign(results, await require(addin).addinFigures());

  // Per-file read times of every format a form arrives in (issue 18: a .docx form ≤ 2× an .xlsx one).
  results.review.formats = await require("./bench-formats").formatFigures();

  fs.mkdirSync(path.join(__dirname, "..", "bench"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "..", "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(
    `score ${ROWS} indicator rows + ${BUDGET_LINES} budget lines: ${scoreMs} ms (best of ${ROUNDS}: ${scoreTimes.map(Math.round).join(", ")})`,
  );
  console.log(`exceljs read + write of the same output (floor): ${floorMs} ms (${floorTimes.map(Math.round).join(", ")})`);
  console.log(`ratio ${results.ratio} (goal ≤ 1.3), peak RSS ${results.peakMB} MB (score alone: ${results.scorePeakMB} MB)`);
  const r = results.robust;
  console.log(
    `stray value at 绩效指标!XFD1048576: ${r.strayCellMs} ms, ${r.strayCellPeakMB} MB; ` +
      `1,048,556 blank formatted rows: ${r.blankRowsMs} ms, ${r.blankRowsPeakMB} MB (goal each < 5000 ms, < 300 MB)`,
  );
  console.log(JSON.stringify(results));
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The sample with one sheet's XML edited. */
async function editedSample(edit) {
  const JSZip = require("jszip");
  const { sampleWorkbook } = require("../dist/cli/main");
  const zip = await JSZip.loadAsync(await (await sampleWorkbook()).toBuffer());
  const wb = await zip.file("xl/workbook.xml").async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels").async("string");
  const rid = /<sheet\b[^>]*name="绩效指标"[^>]*r:id="([^"]*)"/.exec(wb)[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]*)"`).exec(rels)[1];
  const part = "xl/" + target.replace(/^\/?xl\//, "");
  zip.file(part, edit(await zip.file(part).async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** `jixiao score` in a fresh node: wall time and the child's own peak RSS. */
function scoreInChild(input, output) {
  const { spawnSync } = require("child_process");
  const script = `
    const { performance } = require("perf_hooks");
    const { main } = require(${JSON.stringify(path.join(__dirname, "../dist/cli/main"))});
    const t = performance.now();
    main(["score", ${JSON.stringify(input)}, "-o", ${JSON.stringify(output)}], { stdout: () => {}, stderr: () => {} }).then((code) => {
      process.stdout.write(JSON.stringify({ code, ms: performance.now() - t, maxRssKB: process.resourceUsage().maxRSS }));
    });`;
  const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", maxBuffer: 1 << 20 });
  const out = JSON.parse(child.stdout);
  if (out.code !== 0) throw new Error(`score of ${input} exited ${out.code}: ${child.stderr}`);
  return { ms: Math.round(out.ms), peakMB: Math.round(out.maxRssKB / 1024) };
}

async function robustFigures(dir) {
  const stray = path.join(dir, "stray.xlsx");
  fs.writeFileSync(
    stray,
    await editedSample((xml) => xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')),
  );
  const blank = path.join(dir, "blank-rows.xlsx");
  fs.writeFileSync(
    blank,
    await editedSample((xml) => {
      const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
      const rows = [];
      for (let r = last + 1; r <= 1048576; r++)
        rows.push(`<row r="${r}" s="4" customFormat="1"><c r="A${r}" s="4"/><c r="F${r}" s="4"/><c r="M${r}" s="4"/></row>`);
      return xml.replace("</sheetData>", rows.join("") + "</sheetData>");
    }),
  );
  const s = scoreInChild(stray, path.join(dir, "stray-out.xlsx"));
  const b = scoreInChild(blank, path.join(dir, "blank-out.xlsx"));
  return { strayCellMs: s.ms, strayCellPeakMB: s.peakMB, blankRowsMs: b.ms, blankRowsPeakMB: b.peakMB };
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
