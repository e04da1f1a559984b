/** Cell styles of the add-in's own working sheets (评分结果, the templates). */
import type { CellStyle } from "../plan";

export const UI_FONT = "微软雅黑";

// Scores are already ROUNDed to 2 places: General shows 96.9 and 10 as the report does, and a
// cell elsewhere that references one (the report's 附表) inherits nothing odd in LibreOffice.
export const TABLE_STYLES: Record<string, CellStyle> = {
  title: { font: { name: UI_FONT, size: 14, bold: true } },
  subtitle: { font: { name: UI_FONT, size: 10, color: "595959" } },
  section: { font: { name: UI_FONT, size: 11, bold: true, color: "1F4E79" } },
  header: {
    font: { name: UI_FONT, size: 10, bold: true },
    fill: "DDEBF7",
    border: "thin",
    align: { h: "center", v: "middle", wrap: true },
  },
  label: { font: { name: UI_FONT, size: 10 }, border: "thin" },
  // Working-sheet cells do not wrap: LibreOffice would not grow the rows, and cut text misleads.
  text: { font: { name: UI_FONT, size: 10 }, border: "thin" },
  textFormat: { font: { name: UI_FONT, size: 10 }, border: "thin", numFmt: "@", align: { v: "top", wrap: true } },
  number: { font: { name: UI_FONT, size: 10 }, border: "thin", numFmt: "#,##0.00####", align: { h: "right" } },
  amount: { font: { name: UI_FONT, size: 10 }, border: "thin", numFmt: "#,##0.00####", align: { h: "right" } },
  score: { font: { name: UI_FONT, size: 10 }, border: "thin", numFmt: "General", align: { h: "right" } },
  scoreBold: { font: { name: UI_FONT, size: 10, bold: true }, border: "thin", numFmt: "General", align: { h: "right" } },
  percent: { font: { name: UI_FONT, size: 10 }, border: "thin", numFmt: "0.00%", align: { h: "right" } },
  grade: { font: { name: UI_FONT, size: 10, bold: true }, border: "thin", align: { h: "center" } },
  note: { font: { name: UI_FONT, size: 9, color: "7F7F7F" }, border: "thin" },
  /** A note beside a value, flowing into the empty cells to its right. */
  aside: { font: { name: UI_FONT, size: 9, color: "7F7F7F" } },
};
