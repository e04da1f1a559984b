/**
 * `jixiao review --letters DIR`: one 复核意见函 per unit (grouped by the unit's name as the forms
 * give it), written to DIR as `<unit>-复核意见函.docx`. The review adds each file's result as it
 * arrives; a form's checks go to the letter of the unit whose form they were raised on. A file that
 * could not be read names no unit: it stays in 问题清单 only.
 */
import * as path from "path";
import { writeAtomically } from "../io/files";
import { type LetterForm, UNNAMED_UNIT, letterModel } from "./letterModel";
import type { Problem } from "../core/problems";
import type { FileResult } from "./reviewFile";

/** A unit's name as a file name: characters no file system takes become "_", at most 60 characters. */
export function letterFileName(unit: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = [...unit.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").replace(/^[.\s]+|[.\s]+$/g, "")].slice(0, 60).join("");
  return `${safe || "未填写单位名称"}-复核意见函.docx`;
}

export class Letters {
  private readonly units = new Map<string, { file: string; forms: LetterForm[] }>();
  private readonly taken = new Set<string>();

  constructor(readonly dir: string) {}

  get count(): number {
    return this.units.size;
  }

  /** The letter of a unit (its path), named when the unit is first seen. */
  fileOf(unit: string): string {
    return this.letterOf(unit).file;
  }

  private letterOf(unit: string): { file: string; forms: LetterForm[] } {
    const key = unit.trim() || UNNAMED_UNIT;
    let entry = this.units.get(key);
    if (!entry) {
      const base = letterFileName(key === UNNAMED_UNIT ? "" : key);
      let name = base;
      // Two units whose names differ only in characters a file name cannot hold.
      for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = base.replace(/\.docx$/, `（${n}）.docx`);
      this.taken.add(name.toLowerCase());
      this.units.set(key, (entry = { file: path.join(this.dir, name), forms: [] }));
    }
    return entry;
  }

  add(r: FileResult): void {
    if (r.forms.length === 0) return;
    // Each check goes to the form on its sheet; a check on another sheet (a template's 预算执行)
    // to the file's first form.
    const issuesOf = r.forms.map((): Problem[] => []);
    for (const issue of r.issues) {
      const at = r.forms.findIndex((f) => f.sheet === issue.ref?.sheet);
      issuesOf[at < 0 ? 0 : at].push(issue);
    }
    r.forms.forEach((f, i) => {
      this.letterOf(f.unit).forms.push({
        file: r.file,
        sheet: f.sheet,
        project: f.project,
        year: f.year,
        filled: f.filled,
        rule: f.rule,
        grade: f.grade,
        difference: f.difference,
        issues: issuesOf[i],
      });
    });
  }

  /** Writes every letter (each atomically). */
  async write(): Promise<void> {
    // The docx package is loaded only when letters are asked for (a review starts without it).
    const { letterDocx } = await import("./letterDocx");
    for (const [unit, { file, forms }] of this.units) {
      const bytes = await letterDocx(letterModel(unit, forms));
      await writeAtomically(file, Buffer.from(bytes), "--letters");
    }
  }
}
