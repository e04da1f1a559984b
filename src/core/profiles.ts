/** Rule profiles: the parts of the scoring rules that differ between provinces and years, as data. */
import deptOverall from "./profiles/dept-overall.json";
import mof2020Project from "./profiles/mof-2020-project.json";
import type { EvaluationType } from "./contract";

export type RateDenominator = "全年预算数" | "年初预算数";

export interface RuleProfile {
  id: string;
  name: string;
  evaluationType: EvaluationType;
  source: string;
  /** An execution-rate item the profile adds to the indicators (项目支出自评表's 预算执行率, 10 分). */
  executionRateItem: { weight: number; denominator: RateDenominator; level1: string; level2: string } | null;
  /** What the weights (including the added item) must sum to. */
  weightSum: number;
  /** 反向比例 over target: A = w×T/A (central note), B = w×max(0, 1−(A−T)/T). */
  reverseVariant: "A" | "B";
  /** Denominator of a 执行率 indicator row; defaults to 全年预算数. */
  executionRateDenominator?: RateDenominator;
}

// The profiles are JSON data: their literal fields (evaluationType, reverseVariant …) are typed here.
const DEPT_OVERALL = deptOverall as RuleProfile;
const MOF_2020_PROJECT = mof2020Project as RuleProfile;

export const PROFILES: readonly RuleProfile[] = [DEPT_OVERALL, MOF_2020_PROJECT];

/** The profile a workbook of each type is scored by unless it names another. */
export const DEFAULT_PROFILE: Readonly<Record<EvaluationType, RuleProfile>> = {
  部门整体支出: DEPT_OVERALL,
  项目支出: MOF_2020_PROJECT,
};

/** By the name shown in pickers and cells (`部门整体支出（通用）`), or by the id (older workbooks, the CLI). */
export function findProfile(nameOrId: string): RuleProfile | undefined {
  const key = nameOrId.trim().replace(/\(/g, "（").replace(/\)/g, "）");
  return PROFILES.find((p) => p.name === key) ?? PROFILES.find((p) => p.id === nameOrId.trim());
}

export function rateDenominator(profile: RuleProfile): RateDenominator {
  return profile.executionRateItem?.denominator ?? profile.executionRateDenominator ?? "全年预算数";
}
