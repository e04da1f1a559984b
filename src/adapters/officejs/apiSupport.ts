/**
 * Which ExcelApi requirement sets the host has. The manifest requires MIN_EXCEL_API, the lowest set
 * the core flow needs (Worksheet.copy for the backups, freeze panes and tab colour are 1.7; the rest
 * of reading, writing and naming is older). Later sets are used where present:
 * - 1.8 data validation: the drop-down lists and input messages (skipped below, the pane says so);
 * - 1.9 getSpecialCells (reads only non-empty cells; below, the used range is read in row blocks),
 *   Range.copyFrom (below, owned sheets are rewritten in place directly), page layout and page
 *   breaks (skipped below, the pane says so), suspendScreenUpdatingUntilNextSync, worksheets.onChanged.
 */
export const MIN_EXCEL_API = "1.7";

/** Whether the host has ExcelApi `version`. */
export type ApiSupport = (version: string) => boolean;

/** What a host below a feature's set does without: named for the pane's message. */
export type SkippedFeature = "validations" | "pageSetup" | "pageBreaks";

export const FEATURE_SETS: Record<SkippedFeature, string> = { validations: "1.8", pageSetup: "1.9", pageBreaks: "1.9" };

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
