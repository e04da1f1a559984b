/**
 * Seeded generator of valid input workbooks: random methods, weights, targets typed in every
 * accepted form, numbers as text, percent formats, 元 or 万元. The recalculation tests score
 * hundreds of these and check LibreOffice agrees; the benchmark uses a large one.
 */
import { TIERS } from "../core/contract";
import type { InputCell, InputData } from "../core/sheets/inputSheets";

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  indicators?: number;
  budgetLines?: number;
  type?: "部门整体支出" | "项目支出";
  amountUnit?: "万元" | "元";
}

type Row = InputData["indicators"][number];

export function generateInput(seed: number, options: GenerateOptions = {}): InputData {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const dec = (lo: number, hi: number, places: number) => Math.round((lo + r() * (hi - lo)) * 10 ** places) / 10 ** places;

  const type = options.type ?? (r() < 0.3 ? "项目支出" : "部门整体支出");
  const amountUnit = options.amountUnit ?? (r() < 0.3 ? "元" : "万元");
  const n = options.indicators ?? int(3, 12);
  const lines = options.budgetLines ?? int(1, 8);

  // Budget: amounts with 2 decimals in the unit typed; some typed as text "1,234.56".
  const amountCell = (x: number): InputCell => (r() < 0.2 ? x.toLocaleString("en-US", { minimumFractionDigits: 2 }) : x);
  const scale = amountUnit === "元" ? 10000 : 1;
  const budget: InputData["budget"] = [];
  for (let i = 0; i < lines; i++) {
    const b = dec(0, 5000, 2) * scale;
    const roll = r();
    const s = roll < 0.5 ? b : roll < 0.85 ? Math.round(b * dec(0.5, 1, 4) * 100) / 100 : Math.round(b * dec(1, 1.2, 4) * 100) / 100;
    budget.push({
      category: i === 0 ? "基本支出" : pick(["基本支出", "项目支出"]),
      item: `预算项目${i + 1}`,
      budget: amountCell(Math.round(b * 100) / 100),
      spent: amountCell(s),
      remark: r() < 0.5 ? "执行说明" : "",
    });
  }

  // Weights: integers and halves summing to the profile's indicator total.
  const total = type === "项目支出" ? 90 : 100;
  const raw = Array.from({ length: n }, () => 1 + r() * 9);
  const sum = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => Math.max(0.5, Math.round((w / sum) * total * 2) / 2));
  weights[n - 1] = Math.round((total - weights.slice(0, -1).reduce((a, b) => a + b, 0)) * 100) / 100;
  if (weights[n - 1] <= 0) {
    weights.fill(Math.floor((total / n) * 100) / 100);
    weights[n - 1] = Math.round((total - weights[0] * (n - 1)) * 100) / 100;
  }

  const indicators: Row[] = [];
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    const weight: InputCell = r() < 0.15 ? String(w) : w;
    // Blank 一级/二级 repeat the row above; a new 一级 always comes with its 二级.
    const level1 = i === 0 || r() < 0.3 ? pick(["产出指标", "效益指标", "满意度指标"]) : "";
    const level2 = level1 || r() < 0.5 ? pick(["数量指标", "质量指标", "时效指标", "成本指标"]) : "";
    const base = { level1, level2, name: `指标${i + 1}`, weight };
    const kind = r();
    if (kind < 0.3) indicators.push({ ...base, ...quantitative(r, dec, ">=") });
    else if (kind < 0.45) indicators.push({ ...base, ...quantitative(r, dec, "<=") });
    else if (kind < 0.55) indicators.push({ ...base, ...quantitative(r, dec, "=") });
    else if (kind < 0.62) indicators.push({ ...base, target: "100%", actual: "100%", method: "执行率" });
    else if (kind < 0.82) {
      // Tiny weights leave 部分达成 an empty range once bounds are rounded to 2 decimals.
      const tier = pick(w >= 1 ? (["achieved", "partly", "missed"] as const) : (["achieved", "missed"] as const));
      const [lo, hi] = tier === "achieved" ? [0.8, 1] : tier === "partly" ? [0.6, 0.79] : [0, 0.59];
      const self =
        tier === "achieved" && r() < 0.4
          ? undefined
          : Math.min(Math.floor(w * dec(lo, hi, 3) * 100) / 100, tier === "achieved" ? w : Math.ceil(w * (hi + 0.01) * 100) / 100 - 0.01);
      indicators.push({
        ...base,
        nature: "定性",
        target: "有效提升",
        actual: "有所提升",
        tier: r() < 0.5 ? TIERS[tier] : tier === "achieved" ? "达成" : tier === "partly" ? "部分达成" : "未达成",
        selfScore: self === undefined ? undefined : Math.max(Math.ceil(w * lo * 100) / 100, self),
      });
    } else if (kind < 0.91) indicators.push({ ...base, target: "无违规", actual: "有", method: "扣分", selfScore: dec(0, w * 1.2, 1) });
    else indicators.push({ ...base, target: "-", actual: "-", method: "直接评分", selfScore: Math.floor(dec(0, w, 2) * 100) / 100 });
    if (r() < 0.3) indicators[i].deviation = "偏差原因";
  }

  return {
    basicInfo: { unitName: `测试单位${seed}`, year: r() < 0.8 ? 2000 + int(20, 30) : `${2000 + int(20, 30)}年`, type, amountUnit },
    budget,
    indicators,
    texts: [["部门职能", `单位${seed}的职能。`]],
  };
}

/** A quantitative row: the target written as a number, "≥95%", "1,000个" …; the actual as number, text or percent cell. */
function quantitative(r: () => number, dec: (lo: number, hi: number, p: number) => number, direction: ">=" | "<=" | "="): Partial<Row> {
  const percent = r() < 0.35;
  const t = direction === "=" && r() < 0.15 ? 0 : percent ? dec(50, 100, 1) : dec(1, 2000, r() < 0.5 ? 0 : 2);
  const a = t === 0 ? (r() < 0.5 ? 0 : dec(0, 5, 1)) : Math.round(t * dec(0.3, 1.6, 3) * 100) / 100;
  const sym = direction === ">=" ? "≥" : direction === "<=" ? "≤" : "=";
  const form = r();
  let target: InputCell;
  let dirCell: string | undefined;
  if (percent) target = form < 0.5 ? `${sym}${t}%` : `${t}%`;
  else if (form < 0.3) target = `${sym}${t.toLocaleString("en-US")}个`;
  else target = t;
  if (typeof target === "number" || !String(target).startsWith(sym))
    dirCell = direction === "=" ? "=" : form < 0.6 ? sym : direction === ">=" ? "正向" : "反向";
  let actual: InputCell;
  if (percent) actual = r() < 0.5 ? { v: Math.round(a * 10) / 1000, numFmt: "0.0%" } : `${a}%`;
  else actual = r() < 0.2 ? a.toLocaleString("en-US") : a;
  return { target, actual, direction: dirCell, unit: percent ? "" : "个" };
}
