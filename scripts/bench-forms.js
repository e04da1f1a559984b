/**
 * The forms part of `npm run bench`: a workbook of 50 official 项目支出绩效自评表 (one per sheet,
 * 30 indicators each) scored by `score`, beside the exceljs read+write floor of the same output.
 * Returns `forms: {forms, scoreMs, floorMs, ratio, peakMB, readMs}` (readMs: reading alone); the peak is measured in a child
 * process of its own, so earlier parts of the bench do not inflate it.
 */
const { measured } = require("./bench-child");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const FORMS = 50;
const INDICATORS = 30;
const ROUNDS = 3;

/** The workbook: seeded figures, the national form's layout (src/sample/forms/build.ts). */
async function writeFormsWorkbook(file) {
  const { buildFormWorkbook, fundBlock, indicatorBlock, projectInfo } = require("../dist/sample/forms/build");
  const { rng } = require("../build/fixtures/test/fixtures/generate");
  const r = rng(50);
  const sheets = [];
  for (let f = 1; f <= FORMS; f++) {
    const budget = Math.round((50 + r() * 500) * 100) / 100;
    const spent = Math.round(budget * (0.8 + r() * 0.2) * 100) / 100;
    const rows = [];
    for (let i = 0; i < INDICATORS; i++) {
      const target = 10 + Math.floor(r() * 90);
      const actual = Math.max(1, Math.round(target * (0.7 + r() * 0.5)));
      const level = i < 18 ? ["产出指标", "数量指标"] : i < 27 ? ["效益指标", "社会效益指标"] : ["满意度指标", "服务对象满意度指标"];
      rows.push({
        level1: level[0],
        level2: level[1],
        name: `指标${f}-${i + 1}`,
        target: `≥${target}个`,
        actual: `${actual}个`,
        weight: 3,
        score: 3,
      });
    }
    sheets.push({
      name: `项目${f}`,
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo(`测试项目${f}`, "某单位"),
          fund: fundBlock({ initial: budget, budget, spent, weight: 10, score: 10 }),
          indicators: indicatorBlock(rows, { weight: 100, score: 100 }),
        },
      ],
    });
  }
  await buildFormWorkbook(sheets).xlsx.writeFile(file);
}

async function formsFigures() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-bench-forms-"));
  const input = path.join(dir, "forms.xlsx");
  const output = path.join(dir, "forms-out.xlsx");
  const floorOut = path.join(dir, "floor.xlsx");
  await writeFormsWorkbook(input);
  const score = [];
  const floor = [];
  for (let i = 0; i < ROUNDS; i++) {
    score.push(
      measured(`const code = await require("./dist/cli/main").main(["score", ${JSON.stringify(input)}, "-o", ${JSON.stringify(output)}],
        { stdout: () => {}, stderr: () => {} }); if (code !== 0) throw new Error("score exited " + code)`),
    );
    floor.push(
      measured(`const E = require("exceljs"); const w = new E.Workbook(); await w.xlsx.readFile(${JSON.stringify(output)});
        await w.xlsx.writeFile(${JSON.stringify(floorOut)})`),
    );
  }
  const best = (xs) => Math.round(Math.min(...xs.map((x) => x.ms)));
  const scoreMs = best(score);
  const floorMs = best(floor);
  const readMs = readingMs(input);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    forms: {
      forms: FORMS,
      indicatorsPerForm: INDICATORS,
      scoreMs,
      floorMs,
      ratio: Math.round((scoreMs / floorMs) * 100) / 100,
      peakMB: Math.round(Math.max(...score.map((x) => x.peakMB))),
      readMs,
    },
  };
}

/**
 * Reading alone (issue 16): the 50 forms found and read from the workbook's snapshot (cell layer,
 * vocabulary, row and fund readers), without the file's load or the scoring; best of ROUNDS.
 */
function readingMs(input) {
  const script = `
    const { performance } = require("perf_hooks");
    const { readInput } = require("./dist/io/files");
    const { readForms } = require("./dist/core/forms");
    const { IssueLog } = require("./dist/core/issues");
    const { ALL_SHEETS } = require("./dist/port/workbook");
    (async () => {
      const snapshot = await (await readInput(${JSON.stringify(input)})).read(ALL_SHEETS);
      const times = [];
      for (let i = 0; i < ${ROUNDS}; i++) {
        const t = performance.now();
        const { forms } = readForms(snapshot, new IssueLog());
        times.push(performance.now() - t);
        if (forms.length !== ${FORMS}) throw new Error("read " + forms.length + " forms");
      }
      process.stdout.write(String(Math.round(Math.min(...times))));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return Number(execFileSync(process.execPath, ["-e", script], { cwd: path.join(__dirname, ".."), encoding: "utf8" }));
}

module.exports = { formsFigures, writeFormsWorkbook };

if (require.main === module) formsFigures().then((f) => console.log(JSON.stringify(f)));
