/**
 * Every ET member the adapter's own declarations (src/adapters/wps/etTypes.ts) use exists in
 * Kingsoft's typings, et-jsapi-declare (a devDependency, referenced, never copied): a misspelt
 * property (InCellDropDown for InCellDropdown) fails this file's type check.
 */
/// <reference types="et-jsapi-declare" />
import type * as Ours from "../../../src/adapters/wps/etTypes";

/** Our members the ET typings lack. */
type Unknown<O, T> = Exclude<keyof O, keyof T>;
type None<U> = [U] extends [never] ? true : false;
type Expect<T extends true> = T;

export type Checks = [
  Expect<None<Unknown<Ours.EtApplication, WPSMergedRoot>>>,
  Expect<None<Unknown<Ours.EtWorkbook, Et.Workbook>>>,
  Expect<None<Unknown<Ours.EtWorksheets, Et.Sheets>>>,
  Expect<None<Unknown<Ours.EtWorksheet, Et.Worksheet>>>,
  Expect<None<Unknown<Ours.EtRange, Et.Range>>>,
  Expect<None<Unknown<Ours.EtRangeList, Et.Range>>>,
  Expect<None<Unknown<Ours.EtFont, Et.Font>>>,
  Expect<None<Unknown<Ours.EtInterior, Et.Interior>>>,
  Expect<None<Unknown<Ours.EtBorders, Et.Borders>>>,
  Expect<None<Unknown<Ours.EtBorder, Et.Border>>>,
  Expect<None<Unknown<Ours.EtValidation, Et.Validation>>>,
  Expect<None<Unknown<Ours.EtComment, Et.Comment>>>,
  Expect<None<Unknown<Ours.EtPageSetup, Et.PageSetup>>>,
  Expect<None<Unknown<Ours.EtHPageBreaks, Et.HPageBreaks>>>,
  Expect<None<Unknown<Ours.EtHPageBreak, Et.HPageBreak>>>,
  Expect<None<Unknown<Ours.EtTab, Et.Tab>>>,
  Expect<None<Unknown<Ours.EtNames, Et.Names>>>,
  Expect<None<Unknown<Ours.EtName, Et.Name>>>,
  Expect<None<Unknown<Ours.EtWindow, Et.Window>>>,
];

test("the ET names the adapter uses are checked against et-jsapi-declare at compile time", () => {
  // The assertions are the types above; this only makes the file a test jest runs (and type-checks).
  const checked: Checks["length"] = 19;
  expect(checked).toBe(19);
});
