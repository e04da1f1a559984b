/**
 * The formats part of `npm run bench` (issue 18): how long one review worker takes per file —
 * reading and scoring the sample's three forms — for each format a form arrives in: .xlsx (the lean
 * zip reader), .xls and WPS .et (BIFF8), and a Word .docx in the national form's layout; goal: a
 * .docx form reads in no more than twice an .xlsx one. Returns `{xlsx, xls, et, docx}` in ms per
 * file, `docxRatio` (with every round's `docxRatios`) and the load average.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const REPEAT = Number(process.env.FORMATS_BENCH_REPEAT ?? 40);
const ROUNDS = Number(process.env.FORMATS_BENCH_ROUNDS ?? 15);

async function formatFigures() {
  const { writeSampleForm, SAMPLE_FORM_SHEETS } = require("../dist/sample/forms/sampleForms");
  const { buildWordForms } = require("../build/fixtures/test/fixtures/forms/wordForms");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-bench-formats-"));
  const file = (ext) => path.join(dir, `sample-form.${ext}`);
  await writeSampleForm(file("xlsx"));
  fs.writeFileSync(file("docx"), await buildWordForms(SAMPLE_FORM_SHEETS));
  const profile = `file://${path.join(dir, "profile")}`;
  execFileSync(
    process.env.SOFFICE ?? "soffice",
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", dir, file("xlsx")],
    {
      stdio: "ignore",
    },
  );
  fs.copyFileSync(file("xls"), file("et"));
  const { best, docxRatios } = perFileMs(["xlsx", "xls", "et", "docx"].map((ext) => [ext, file(ext)]));
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    ...best,
    docxRatio: median(docxRatios),
    docxRatios,
    unit: "ms per file (read and score, 3 forms)",
    // The 1-minute load average when done: the machine is shared.
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * The formats timed in one child node, interleaved — ROUNDS rounds of REPEAT reviews of each file,
 * after a warm-up. The machine is shared and its load swings within seconds, so each format's best
 * round is its figure, and the .docx/.xlsx ratio is the median of the rounds' own ratios (the two
 * timed back to back within a round).
 */
function perFileMs(files) {
  const script = `const { reviewFile } = require("./dist/review/reviewFile"); const { performance } = require("perf_hooks");
    const files = ${JSON.stringify(files)};
    (async () => {
      const best = {};
      const docxRatios = [];
      for (const [ext, f] of files) for (let i = 0; i < 20; i++) await reviewFile(f);
      const thisRound = {};
      for (let round = 0; round < ${ROUNDS}; round++)
        for (const [ext, f] of files) {
          const t = performance.now();
          for (let i = 0; i < ${REPEAT}; i++) {
            const r = await reviewFile(f);
            if (r.failed || r.forms.length !== 3) throw new Error(ext + " not read: " + JSON.stringify(r.issues));
          }
          const ms = (performance.now() - t) / ${REPEAT};
          best[ext] = Math.min(best[ext] ?? Infinity, ms);
          thisRound[ext] = ms;
          if (ext === "docx") docxRatios.push(thisRound.docx / thisRound.xlsx);
        }
      process.stdout.write(JSON.stringify({ best, docxRatios }));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: path.join(__dirname, ".."), encoding: "utf8" }));
  const round2 = (x) => Math.round(x * 100) / 100;
  return {
    best: Object.fromEntries(Object.entries(out.best).map(([ext, ms]) => [ext, round2(ms)])),
    docxRatios: out.docxRatios.map(round2),
  };
}

module.exports = { formatFigures };

if (require.main === module) formatFigures().then((f) => console.log(JSON.stringify(f)));
