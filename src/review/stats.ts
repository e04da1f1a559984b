/** The figures of 统计, from the reviewed files: pure, so the sheet and the tests share them. */
import type { FileResult, ReviewedForm } from "./reviewFile";

export const GRADES = ["优", "良", "中", "差"] as const;
export const RATE_BANDS = ["低于 60%", "60%–90%", "90% 及以上", "无预算"] as const;
export const DIFFERENCE_BANDS = ["无差异", "小于 1 分", "1–5 分", "5 分及以上", "未填总分"] as const;

export interface Stats {
  files: number;
  forms: number;
  failedFiles: number;
  warnings: number;
  errors: number;
  /** Sums over the forms, in 万元. */
  budget: number;
  spent: number;
  /** Means over the forms that have one; null where none has. */
  averageRate: number | null;
  averageRule: number | null;
  byGrade: Record<string, number>;
  byRate: Record<string, number>;
  byDifference: Record<string, number>;
  /** The forms whose filled total differs most from the rule's, largest first (at most `top`). */
  largest: Array<{ file: string; form: ReviewedForm }>;
}

function rateBand(rate: number | null): (typeof RATE_BANDS)[number] {
  if (rate === null) return "无预算";
  return rate < 0.6 ? "低于 60%" : rate < 0.9 ? "60%–90%" : "90% 及以上";
}

function differenceBand(difference: number | null): (typeof DIFFERENCE_BANDS)[number] {
  if (difference === null) return "未填总分";
  const d = Math.abs(difference);
  return d === 0 ? "无差异" : d < 1 ? "小于 1 分" : d < 5 ? "1–5 分" : "5 分及以上";
}

/**
 * The figures gathered file by file as the results arrive, holding only counters and the `top`
 * largest differences: a review of 50,000 files keeps no result after its rows are written.
 */
export class StatsAccumulator {
  private readonly stats: Stats;
  private rates = 0;
  private rateSum = 0;
  private ruleSum = 0;

  constructor(private readonly top = 10) {
    const count = (keys: readonly string[]) => Object.fromEntries(keys.map((k): [string, number] => [k, 0]));
    this.stats = {
      files: 0,
      forms: 0,
      failedFiles: 0,
      warnings: 0,
      errors: 0,
      budget: 0,
      spent: 0,
      averageRate: null,
      averageRule: null,
      byGrade: count(GRADES),
      byRate: count(RATE_BANDS),
      byDifference: count(DIFFERENCE_BANDS),
      largest: [],
    };
  }

  add(r: FileResult): void {
    const stats = this.stats;
    stats.files++;
    if (r.failed) stats.failedFiles++;
    for (const i of r.issues) {
      if (i.severity === "error") stats.errors++;
      else stats.warnings++;
    }
    for (const form of r.forms) {
      stats.forms++;
      stats.budget += form.budget;
      stats.spent += form.spent;
      this.ruleSum += form.rule;
      if (form.rate !== null) {
        this.rates++;
        this.rateSum += form.rate;
      }
      stats.byGrade[form.grade] = (stats.byGrade[form.grade] ?? 0) + 1;
      stats.byRate[rateBand(form.rate)]++;
      stats.byDifference[differenceBand(form.difference)]++;
      if (form.difference) this.keepIfLarge({ file: r.file, form });
    }
  }

  /** Inserted in order of |difference|, largest first; ties keep the files' order. */
  private keepIfLarge(entry: Stats["largest"][number]): void {
    const largest = this.stats.largest;
    const size = (e: Stats["largest"][number]) => Math.abs(e.form.difference ?? 0);
    let at = largest.length;
    while (at > 0 && size(largest[at - 1]) < size(entry)) at--;
    if (at >= this.top) return;
    largest.splice(at, 0, entry);
    if (largest.length > this.top) largest.pop();
  }

  result(): Stats {
    return {
      ...this.stats,
      averageRate: this.rates > 0 ? this.rateSum / this.rates : null,
      averageRule: this.stats.forms > 0 ? this.ruleSum / this.stats.forms : null,
      largest: [...this.stats.largest],
    };
  }
}
