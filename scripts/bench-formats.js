/**
 * The formats part of `npm run bench` (issue 18): how long one review worker takes per file —
 * reading and scoring the sample's three forms — for each format a form arrives in: .xlsx (the lean
 * zip reader), .xls and WPS .et (BIFF8), and a Word .docx in the national form's layout. Each
 * format is timed in a child process of its own (REPEAT reads after a warm-up); goal: a .docx form
 * reads in no more than twice an .xlsx one. Returns `{xlsx, xls, et, docx}` in ms per file and
 * `docxRatio`.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const REPEAT = Number(process.env.FORMATS_BENCH_REPEAT ?? 300);

async function formatFigures() {
  const { writeSampleForm, SAMPLE_FORM_SHEETS } = require("../dist/sample/forms/sampleForms");
  const { buildWordForms } = require("../dist/sample/forms/wordForms");
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
  const out = {};
  for (const ext of ["xlsx", "xls", "et", "docx"]) out[ext] = perFileMs(file(ext));
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...out, docxRatio: Math.round((out.docx / out.xlsx) * 100) / 100, unit: "ms per file (read and score, 3 forms)" };
}

/** One format in a child node: the mean time of REPEAT reviews of the file, after 20 to warm up. */
function perFileMs(file) {
  const script = `const { reviewFile } = require("./dist/review/reviewFile"); const { performance } = require("perf_hooks");
    (async () => {
      for (let i = 0; i < 20; i++) await reviewFile(${JSON.stringify(file)});
      const t = performance.now();
      for (let i = 0; i < ${REPEAT}; i++) {
        const r = await reviewFile(${JSON.stringify(file)});
        if (r.failed || r.forms.length !== 3) throw new Error("not read: " + JSON.stringify(r.issues));
      }
      process.stdout.write(String((performance.now() - t) / ${REPEAT}));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const ms = Number(execFileSync(process.execPath, ["-e", script], { cwd: path.join(__dirname, ".."), encoding: "utf8" }));
  return Math.round(ms * 100) / 100;
}

module.exports = { formatFigures };

if (require.main === module) formatFigures().then((f) => console.log(JSON.stringify(f)));
