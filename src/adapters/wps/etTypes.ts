/**
 * The part of the WPS 表格 (ET) object model the WPS adapter uses, declared structurally: the
 * adapter is written against these and the fake (src/playground/et/) implements them.
 * Written from the VBA-shaped ET JS API documentation; et-jsapi-declare is not copied here.
 *
 * Run-time facts these types encode: every call is synchronous (one IPC round trip in WPS);
 * enums are plain numbers (see XL); colours are BGR integers (0xBBGGRR); `ColumnWidth` is in
 * characters of the default font, `RowHeight` in points; `Range.Value` is a method, so values go
 * through `Value2`; `Worksheets.Item(name)` throws when the sheet is missing; a multi-cell read
 * may come back as a plain 2-D array or as an object with `Item(r, c)`, a one-cell read is a
 * scalar, and a property that differs across the range (NumberFormat) reads null.
 */

/** A multi-cell read: a plain 2-D array (rows of columns) or a wrapped one with 1-based `Item`. */
export interface EtWrappedArray {
  Item(row: number, col: number): unknown;
}
export type EtRead = unknown[][] | EtWrappedArray | string | number | boolean | null | undefined;

/** Enum values as WPS/Excel define them; the names exist only at compile time in the typings. */
export const XL = {
  // XlHAlign / XlVAlign
  hAlignLeft: -4131,
  hAlignCenter: -4108,
  hAlignRight: -4152,
  hAlignGeneral: 1,
  vAlignTop: -4160,
  vAlignCenter: -4108,
  vAlignBottom: -4107,
  vAlignJustify: -4130,
  // XlCalculation
  calculationManual: -4135,
  calculationAutomatic: -4105,
  // XlPaperSize, XlPageOrientation
  paperA4: 9,
  portrait: 1,
  landscape: 2,
  // XlDVType, XlDVAlertStyle, XlFormatConditionOperator
  validateInputOnly: 0,
  validateList: 3,
  validAlertStop: 1,
  validAlertWarning: 2,
  validAlertInformation: 3,
  between: 1,
  // XlBordersIndex, XlLineStyle, XlBorderWeight
  edgeLeft: 7,
  edgeTop: 8,
  edgeBottom: 9,
  edgeRight: 10,
  insideVertical: 11,
  insideHorizontal: 12,
  continuous: 1,
  lineStyleNone: -4142,
  thin: 2,
  // XlSheetVisibility
  sheetVisible: -1,
  // Range.Find: XlFindLookIn, XlLookAt, XlSearchOrder, XlSearchDirection
  lookInFormulas: -4123,
  lookAtPart: 2,
  byRows: 1,
  byColumns: 2,
  searchPrevious: 2,
  // XlColorIndex: "no colour" (Tab.ColorIndex; VBA's documented way to clear a tab's colour)
  colorIndexNone: -4142,
} as const;

export interface EtFont {
  Name: string | null;
  Size: number | null;
  Bold: boolean | null;
  /** BGR integer. */
  Color: number | null;
}

export interface EtInterior {
  /** BGR integer; 16777215 (white) with Pattern xlNone when unfilled. */
  Color: number | null;
  Pattern?: number;
}

export interface EtBorder {
  LineStyle: number | null;
  Weight: number | null;
  /** BGR integer. */
  Color: number | null;
}

export interface EtBorders {
  Item(index: number): EtBorder;
}

export interface EtValidation {
  /** Type, AlertStyle, Operator, Formula1 (a list's items joined by ","), Formula2. */
  Add(type: number, alertStyle?: number, operator?: number, formula1?: string, formula2?: string): void;
  Delete(): void;
  /** Throws (or reads null) where the range has no validation. */
  readonly Type: number;
  readonly Formula1: string;
  readonly AlertStyle: number;
  InCellDropdown: boolean;
  ShowInput: boolean;
  ShowError: boolean;
  InputTitle: string;
  InputMessage: string;
  ErrorTitle: string;
  ErrorMessage: string;
}

export interface EtComment {
  Text(text?: string): string;
  Delete(): void;
}

/** A collection of rows or columns of a range: 1-based `Item`, `Count`. */
export interface EtRangeList {
  readonly Count: number;
  Item(index: number): EtRange;
}

export interface EtRange {
  /** Constant values (dates as serial numbers); a multi-cell read may be wrapped (EtRead). */
  Value2: EtRead | unknown[][];
  /**
   * Formulas in A1 style ("=…"), constants as entered. A 2-D array writes a block where the host
   * takes one (undocumented in WPS: probed, see etProbes.ts); one value on one cell is documented.
   */
  Formula: EtRead | unknown[][];
  /** One R1C1 formula set on a range fills every cell, each relative to itself (VBA Range.FormulaR1C1). */
  FormulaR1C1: EtRead | unknown[][];
  /** Number format; reads null where cells differ; a 2-D array writes per cell. */
  NumberFormat: string | null | unknown[][];
  /** What the cell shows ("#DIV/0!" for an error); single cells only here. */
  readonly Text: string | null;
  readonly HasFormula: boolean | null;
  readonly Font: EtFont;
  readonly Interior: EtInterior;
  readonly Borders: EtBorders;
  HorizontalAlignment: number | null;
  VerticalAlignment: number | null;
  WrapText: boolean | null;
  IndentLevel: number | null;
  /** Characters of the default font (whole columns). */
  ColumnWidth: number | null;
  /** Points (whole rows). */
  RowHeight: number | null;
  readonly Row: number;
  readonly Column: number;
  readonly Count: number;
  readonly Rows: EtRangeList;
  readonly Columns: EtRangeList;
  readonly EntireColumn: EtRange;
  readonly EntireRow: EtRange;
  readonly Validation: EtValidation;
  /** The cell's comment (note), null when it has none. */
  readonly Comment: EtComment | null;
  readonly MergeCells: boolean | null;
  /** Address(RowAbsolute, ColumnAbsolute): "$A$1:$C$9" by default. */
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  Item(row: number, col?: number): EtRange;
  /** Find(What, After, LookIn, LookAt, SearchOrder, SearchDirection): the first match, null when none. */
  Find(what: string, after?: EtRange, lookIn?: number, lookAt?: number, searchOrder?: number, searchDirection?: number): EtRange | null;
  Merge(across?: boolean): void;
  UnMerge(): void;
  AddComment(text?: string): EtComment;
  ClearComments(): void;
  /** Contents, formats, merges, validation and comments; column widths and row heights stay. */
  Clear(): void;
  /** Copies everything onto `destination` (a whole-sheet copy brings widths and heights). */
  Copy(destination?: EtRange): void;
}

export interface EtPageSetup {
  Orientation: number;
  PaperSize: number;
  /** A1 address, "" for none. */
  PrintArea: string;
  /** "$1:$1", "" for none. */
  PrintTitleRows: string;
  /** Margins in points. */
  TopMargin: number;
  BottomMargin: number;
  LeftMargin: number;
  RightMargin: number;
  HeaderMargin: number;
  FooterMargin: number;
  CenterFooter: string;
  CenterHorizontally: boolean;
  /**
   * A percentage, or false when FitToPagesWide/Tall apply. `false` is the documented value: VBA's
   * PageSetup.FitToPagesWide page (`.Zoom = False`), and et-jsapi-declare types Zoom and
   * FitToPages* as `boolean | number`.
   */
  Zoom: number | false;
  /** Pages wide; false = not limited (documented as above). */
  FitToPagesWide: number | false;
  /** Pages tall; false = not limited (documented as above). */
  FitToPagesTall: number | false;
}

export interface EtHPageBreak {
  /** The first row of the new page (its top-left cell). */
  readonly Location: EtRange;
  Delete(): void;
}

export interface EtHPageBreaks {
  readonly Count: number;
  Item(index: number): EtHPageBreak;
  /** A break above `before`'s row. */
  Add(before: EtRange): EtHPageBreak;
}

export interface EtTab {
  /**
   * BGR integer. Typed `number` only (et-jsapi-declare): an uncoloured tab may read as something
   * else (VBA reads False), so "no colour" is never written here but as ColorIndex = colorIndexNone.
   */
  Color: number | false;
  /** XlColorIndex: 1–56, or XL.colorIndexNone (-4142) for no colour (VBA Tab.ColorIndex). */
  ColorIndex: number;
}

export interface EtWorksheet {
  Name: string;
  readonly Index: number;
  readonly Cells: EtRange;
  readonly UsedRange: EtRange;
  readonly PageSetup: EtPageSetup;
  readonly HPageBreaks: EtHPageBreaks;
  readonly Tab: EtTab;
  Visible: number;
  Range(address: string): EtRange;
  Activate(): void;
  Delete(): void;
  /** A copy placed before or after a sheet; it becomes the active sheet, named "Name (2)". */
  Copy(before?: EtWorksheet | null, after?: EtWorksheet | null): void;
  ResetAllPageBreaks(): void;
}

export interface EtWorksheets {
  readonly Count: number;
  /** 1-based index or name; throws when missing. */
  Item(index: number | string): EtWorksheet;
  /** A new sheet before/after the given one (default: before the active one); it becomes active. A missing argument is null, as in WPS's own examples. */
  Add(before?: EtWorksheet | null, after?: EtWorksheet | null, count?: number): EtWorksheet;
}

export interface EtName {
  readonly Name: string;
  /** "=Sheet!$B$16". */
  RefersTo: string;
  Delete(): void;
}

export interface EtNames {
  readonly Count: number;
  /** 1-based index or name; throws when missing. */
  Item(index: number | string): EtName;
  /** Adds the name, or points an existing one at `refersTo`; `visible` false hides it from the user. */
  Add(name: string, refersTo: string, visible?: boolean): EtName;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly Worksheets: EtWorksheets;
  readonly Names: EtNames;
  readonly ActiveSheet: EtWorksheet;
}

export interface EtWindow {
  SplitRow: number;
  SplitColumn: number;
  FreezePanes: boolean;
  ScrollRow: number;
  ScrollColumn: number;
}

export interface EtApplication {
  ScreenUpdating: boolean;
  /** XlCalculation number. */
  Calculation: number;
  DisplayAlerts: boolean;
  EnableEvents: boolean;
  readonly ActiveWorkbook: EtWorkbook | null;
  /** The active sheet's window (freeze panes live here, on the active sheet). */
  readonly ActiveWindow: EtWindow;
  readonly Version?: string;
  /** Opens a task pane (the add-in shell's business; declared for completeness). */
  CreateTaskPane?(url: string, title?: string): { Visible: boolean; ID?: string };
}
