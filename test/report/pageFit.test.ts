/**
 * Fit to one page wide is a bonus, not a need (issue 17): office.js's pageLayout.zoom fit is not
 * applied on some hosts unless the Page Layout tab was shown (office-js issue #1860), so every
 * printed sheet's columns must already fit the paper's printable width at 100%: A4 portrait for
 * 自评报告, landscape for the 附表, with the 公文 margins; on the sample and on a project report.
 */
import { charsToPoints } from "../../src/adapters/shared/planRects";
import { columnNumber } from "../../src/core/cells";
import { buildReport, projectData, sampleData } from "./fixtures";

/** A4 in points (210 × 297 mm). */
const A4 = { portrait: (210 / 25.4) * 72, landscape: (297 / 25.4) * 72 };

test.each([
  ["sample", sampleData],
  ["项目支出", projectData],
])("%s: each printed sheet's columns fit A4 at 100%% (fit-to-width only a bonus)", async (_name, data) => {
  const { result } = await buildReport(data());
  const printed = result.plan.sheets.filter((s) => s.pageSetup?.fitToWidth);
  expect(printed.map((s) => s.name).length).toBeGreaterThanOrEqual(2);
  for (const sheet of printed) {
    const p = sheet.pageSetup!;
    const [from, to] = p.printArea.split(":").map((a) => columnNumber(a.replace(/\d+/g, "")));
    const widths = sheet.columnWidths.slice(from - 1, to).map((w) => charsToPoints(w || 8.43));
    const printable = A4[p.orientation ?? "portrait"] - (p.margins.left + p.margins.right) * 72;
    const used = widths.reduce((a, b) => a + b, 0);
    expect({ sheet: sheet.name, fits: used <= printable }).toEqual({ sheet: sheet.name, fits: true });
    // Not far under either: the text column uses the width it has.
    expect(used / printable).toBeGreaterThan(0.9);
  }
});
