import { CORPUS } from "../../src/sample/forms/corpus";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/exceljsWorkbook";
import { evaluateWorkbook } from "../../src/core/engine";
import { ALL_SHEETS } from "../../src/port/workbook";
import { InputError } from "../../src/core/issues";
test("debug", async () => {
  for (const name of (process.env.ENTRIES ?? "").split(",")) {
    const entry = CORPUS.find((c) => c.name === name)!;
    const wb = await entry.build();
    const snap = await new ExcelJsWorkbook(wb).read(ALL_SHEETS);
    const lines: string[] = [`== ${name}`];
    for (const s of snap.sheetNames) {
      const d = snap.sheets[s]!;
      const rows = new Map<number, string[]>();
      for (const c of d.cells) (rows.get(c.row) ?? rows.set(c.row, []).get(c.row)!).push(`${String.fromCharCode(64 + c.col)}=${JSON.stringify(c.value)}`);
      lines.push(`-- sheet ${s}`);
      for (const [r, cs] of [...rows].sort((a, b) => a[0] - b[0])) lines.push(`${r}: ${cs.join(" | ")}`);
    }
    try {
      const e = evaluateWorkbook(snap);
      for (const f of e.summary.forms ?? []) lines.push(JSON.stringify({ sheet: f.sheet, year: f.year, project: f.project, score: f.score, ind: f.indicators.map((i) => [i.name, i.method, i.weight, i.score, i.filledScore]) }));
      for (const w of [...e.summary.errors, ...e.summary.warnings]) lines.push(`${w.severity} ${w.cell}: ${w.message}`);
    } catch (err) {
      if (err instanceof InputError) for (const i of err.issues) lines.push(`ERR ${i.cell}: ${i.message}`);
      else throw err;
    }
    console.log(lines.join("\n"));
  }
});
