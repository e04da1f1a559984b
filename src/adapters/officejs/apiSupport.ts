/**
 * Which ExcelApi requirement sets the host has. The manifest requires MIN_EXCEL_API, the lowest set
 * the core flow needs (Worksheet.copy for the backups, freeze panes and tab colour are 1.7; the rest
 * of reading, writing and naming is older). Later sets are used where present:
 * - 1.8 data validation: the drop-down lists and input messages (skipped below, the pane says so);
 * - 1.9 getSpecialCells (reads only non-empty cells; below, the used range is read in row blocks),
 *   Range.copyFrom (below, owned sheets are rewritten in place directly), page layout and page
 *   breaks (skipped below, the pane says so), RangeFormat.indentLevel (skipped below),
 *   suspendScreenUpdatingUntilNextSync, worksheets.onChanged.
 *
 * Which Office has which set: Microsoft's table (office-js-docs-reference,
 * docs/requirement-sets/excel/excel-api-requirement-sets.md) gives Microsoft 365 and retail perpetual
 * Office by build (1.7: Version 1801, 1.8: 1808, 1.9: 1903, 1.11: 2002, 1.14: 2108), and the
 * volume-licensed (LTSC) editions by their last set: VOLUME_LICENSED below.
 */
export const MIN_EXCEL_API = "1.7";

/** Whether the host has ExcelApi `version`. */
export type ApiSupport = (version: string) => boolean;

/**
 * The last ExcelApi set of each volume-licensed perpetual (LTSC) Office on Windows, from Microsoft's
 * requirement-set table: 2016 has 1.1 only, 2019 up to 1.7, 2021 up to 1.14, 2024 up to 1.17.
 * Retail perpetual Office is listed with Microsoft 365: it has what its build has.
 */
const VOLUME_LICENSED: ReadonlyArray<{ office: string; last: string }> = [
  { office: "Office 2016", last: "1.1" },
  { office: "Office 2019", last: "1.7" },
  { office: "Office 2021", last: "1.14" },
  { office: "Office 2024", last: "1.17" },
];

/** The numbered ExcelApi sets up to the newest Microsoft documents (1.21, 2026). */
const EXCEL_API_SETS: readonly string[] = Array.from({ length: 21 }, (_, i) => `1.${i + 1}`);

/** The newest numbered set the host reports (sets are cumulative), or null below 1.1. */
export function highestApiSet(supports: ApiSupport): string | null {
  let last: string | null = null;
  for (const set of EXCEL_API_SETS) {
    if (!supports(set)) break;
    last = set;
  }
  return last;
}

/** The volume-licensed Office whose last set is exactly `set` ("Office 2019" for 1.7), if any. */
export function volumeLicensedAt(set: string | null): string | undefined {
  return VOLUME_LICENSED.find((v) => v.last === set)?.office;
}

/** What a host below a feature's set does without: named for the pane's message. */
export type SkippedFeature = "validations" | "pageSetup" | "pageBreaks" | "indent";

/** The set each feature needs (each member's `[Api set: ExcelApi x]` in @types/office-js; RangeFormat.indentLevel is 1.9). */
export const FEATURE_SETS: Record<SkippedFeature, string> = { validations: "1.8", pageSetup: "1.9", pageBreaks: "1.9", indent: "1.9" };

/** office.js's own answer; every set where there is no Office (the CLI's tests, the fake without a host). */
export function hostApiSupport(): ApiSupport {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return (version) => (requirements ? requirements.isSetSupported("ExcelApi", version) : true);
}

/** Records the features skipped for lack of their set, in the order first met. */
export class Features {
  readonly skipped: SkippedFeature[] = [];
  constructor(readonly supports: ApiSupport) {}

  /** Whether `feature` can be used; remembers it as skipped when not. */
  use(feature: SkippedFeature): boolean {
    if (this.supports(FEATURE_SETS[feature])) return true;
    if (!this.skipped.includes(feature)) this.skipped.push(feature);
    return false;
  }
}
