/**
 * Every ET member the adapter's own declarations (src/adapters/wps/etTypes.ts) use exists in
 * Kingsoft's typings, et-jsapi-declare (a devDependency, referenced, never copied): a misspelt
 * property (InCellDropDown for InCellDropdown) fails this file's type check.
 */
/// <reference types="et-jsapi-declare" />
import type * as Ours from "../../../src/adapters/wps/etTypes";
import type { XL } from "../../../src/adapters/wps/etTypes";

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

/** Our run-time enum numbers equal the typings' enum members (compared as their digits). */
type Same<A extends number, B extends number | string> = `${A}` extends `${B}` ? (`${B}` extends `${A}` ? true : false) : false;
type X = typeof XL;
export type EnumChecks = [
  Expect<Same<X["hAlignLeft"], Kso.XlHAlign.xlHAlignLeft>>,
  Expect<Same<X["hAlignCenter"], Kso.XlHAlign.xlHAlignCenter>>,
  Expect<Same<X["hAlignRight"], Kso.XlHAlign.xlHAlignRight>>,
  Expect<Same<X["hAlignGeneral"], Kso.XlHAlign.xlHAlignGeneral>>,
  Expect<Same<X["vAlignTop"], Kso.XlVAlign.xlVAlignTop>>,
  Expect<Same<X["vAlignCenter"], Kso.XlVAlign.xlVAlignCenter>>,
  Expect<Same<X["vAlignBottom"], Kso.XlVAlign.xlVAlignBottom>>,
  Expect<Same<X["vAlignJustify"], Kso.XlVAlign.xlVAlignJustify>>,
  Expect<Same<X["calculationManual"], Et.XlCalculation.xlCalculationManual>>,
  Expect<Same<X["calculationAutomatic"], Et.XlCalculation.xlCalculationAutomatic>>,
  Expect<Same<X["paperA4"], Et.XlPaperSize.xlPaperA4>>,
  Expect<Same<X["portrait"], Et.XlPageOrientation.xlPortrait>>,
  Expect<Same<X["landscape"], Et.XlPageOrientation.xlLandscape>>,
  Expect<Same<X["validateInputOnly"], Et.XlDVType.xlValidateInputOnly>>,
  Expect<Same<X["validateList"], Et.XlDVType.xlValidateList>>,
  Expect<Same<X["validAlertStop"], Et.XlDVAlertStyle.xlValidAlertStop>>,
  Expect<Same<X["validAlertWarning"], Et.XlDVAlertStyle.xlValidAlertWarning>>,
  Expect<Same<X["validAlertInformation"], Et.XlDVAlertStyle.xlValidAlertInformation>>,
  Expect<Same<X["edgeLeft"], Et.XlBordersIndex.xlEdgeLeft>>,
  Expect<Same<X["edgeTop"], Et.XlBordersIndex.xlEdgeTop>>,
  Expect<Same<X["edgeBottom"], Et.XlBordersIndex.xlEdgeBottom>>,
  Expect<Same<X["edgeRight"], Et.XlBordersIndex.xlEdgeRight>>,
  Expect<Same<X["insideVertical"], Et.XlBordersIndex.xlInsideVertical>>,
  Expect<Same<X["insideHorizontal"], Et.XlBordersIndex.xlInsideHorizontal>>,
  Expect<Same<X["continuous"], Et.XlLineStyle.xlContinuous>>,
  Expect<Same<X["lineStyleNone"], Et.XlLineStyle.xlLineStyleNone>>,
  Expect<Same<X["thin"], Kso.XlBorderWeight.xlThin>>,
  Expect<Same<X["between"], Et.XlFormatConditionOperator.xlBetween>>,
  Expect<Same<X["sheetVisible"], Et.XlSheetVisibility.xlSheetVisible>>,
  Expect<Same<X["lookInFormulas"], Et.XlFindLookIn.xlFormulas>>,
  Expect<Same<X["lookAtPart"], Et.XlLookAt.xlPart>>,
  Expect<Same<X["byRows"], Et.XlSearchOrder.xlByRows>>,
  Expect<Same<X["byColumns"], Et.XlSearchOrder.xlByColumns>>,
  Expect<Same<X["searchPrevious"], Et.XlSearchDirection.xlPrevious>>,
  Expect<Same<X["colorIndexNone"], Kso.XlColorIndex.xlColorIndexNone>>,
];

test("the ET names the adapter uses are checked against et-jsapi-declare at compile time", () => {
  // The assertions are the types above; this only makes the file a test jest runs (and type-checks).
  const checked: [Checks["length"], EnumChecks["length"]] = [19, 35];
  expect(checked).toEqual([19, 35]);
});
