/**
 * Typed places and problems: what the core says about the user's workbook, as data.
 *
 * - `CellRef {sheet, row, col}` (1-based) is a place; nobody parses an address string back into one.
 * - A `Problem {ref, code, params, subject, severity}` is what is wrong there: `code` names the rule,
 *   `params` its figures and quoted cell texts, `subject` what the row is about (an indicator's
 *   name, a fund row's label, a form's sheet). `ref` is null only for a problem with the file itself.
 * - `renderProblem` writes the message from code + params, from the one catalogue below (zh-CN;
 *   en-US falls back to zh-CN where a message has no English yet).
 * - A `CellIssue` is a Problem with its display fields derived once (`cell` like `党建品牌!H15`,
 *   `message`), so code that only prints problems needs nothing else. Hosts that select a cell use
 *   `ref`; code that reacts to a kind of problem uses `code` — never the wording or the address.
 *
 * The API is stable: codes and params are only ever added.
 */
import { cellName } from "./cells";
import { quote } from "./quote";

export interface CellRef {
  sheet: string;
  /** 1-based. */
  row: number;
  /** 1-based. */
  col: number;
  /** In a Word document's table (core/places.ts): the table's own row (0: the title above it) and the cell's place in its row. */
  inTable?: { row: number; col: number };
}

export type Severity = "error" | "warning";
export type Locale = "zh-CN" | "en-US";
type Param = string | number | boolean;

export function cellRef(sheet: string, row: number, col: number): CellRef {
  return { sheet, row, col };
}

/** A sheet as a whole (a missing sheet, a sheet too large): its A1. */
export function sheetRef(sheet: string): CellRef {
  return { sheet, row: 1, col: 1 };
}

const SUPPORTED_FORMATS = "支持 .xlsx、.xlsm、.xls、.et（WPS 表格）、.docx 和 .doc";
const RESAVE_XLSX = "请在 Excel 或 WPS 中打开后另存为 .xlsx";
const SAVE_AS_DOCX = "请在 Word 或 WPS 中打开后另存为 .docx（或把自评表复制到 Excel 中）";

/** The message of each code, from its params. One entry per rule; wording lives only here. */
const ZH = {
  // ── the file and its sheets
  /** `file`: the file's name (the problem's place); `path`: as given. */
  "file.unreadable": (p: { file: string; path: string }) => `无法读取文件“${p.path}”`,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- `file` names the place, not the message
  "file.notXlsx": (_: { file: string }) => "文件不是有效的 Excel 工作簿（.xlsx）",
  /** `file`: the file's name; `reason`: what went wrong, as the failing code said it (a review worker's crash …). */
  "file.failed": (p: { file: string; reason: string }) => `无法处理此文件：${p.reason}`,
  // A file that is no form format (adapters/formats): `file` names the place, not the message.
  /* eslint-disable @typescript-eslint/no-unused-vars */
  "file.notForm": (p: { file: string; text: boolean }) =>
    `文件不是有效的 Excel 工作簿或 Word 文档${p.text ? "（内容是纯文本）" : ""}，无法读取（${SUPPORTED_FORMATS}）`,
  "file.html": (_: { file: string }) => `文件内容是网页（HTML 表格），不是 Excel 工作簿，无法读取：${RESAVE_XLSX}`,
  "file.xml2003": (_: { file: string }) => `文件是 Excel 2003 XML 表格，无法读取：${RESAVE_XLSX}`,
  "file.xlsb": (_: { file: string }) => "文件是 Excel 二进制工作簿（.xlsb），无法读取：请在 Excel 或 WPS 中另存为 .xlsx",
  "file.excel95": (_: { file: string }) => "文件是 Excel 5.0/95 格式的工作簿，无法读取：请在 Excel 或 WPS 中另存为 .xlsx",
  "file.zipNotForm": (_: { file: string }) =>
    `文件不是有效的 Excel 工作簿或 Word 文档（压缩包已损坏，或不是表格文件），无法读取（${SUPPORTED_FORMATS}）`,
  "file.oleDamaged": (_: { file: string }) => "文件已损坏或不完整（Office 复合文档无法打开），无法读取",
  "file.oleNotForm": (_: { file: string }) => `文件是 Office 复合文档，但不是 Excel 工作簿或 Word 文档，无法读取（${SUPPORTED_FORMATS}）`,
  "file.encrypted": (_: { file: string }) => "文件设有打开密码（已加密），无法读取：请在 Excel 或 WPS 中取消打开密码并重新保存后再试",
  "file.damaged": (p: { file: string; format: string }) => `${p.format}已损坏或不完整，无法读取：请在 Excel 或 WPS 中打开后重新保存`,
  "file.docxDamaged": (_: { file: string }) => "Word 文档已损坏或不完整，无法读取正文",
  "file.docxNoTables": (_: { file: string }) => "Word 文档中没有表格：自评表应是文档中的表格（项目支出绩效自评表或部门整体支出绩效自评表）",
  "file.docNeedsLibreOffice": (_: { file: string }) => `Word 97-2003 文档（.doc）需要 LibreOffice 才能读取，本机未安装：${SAVE_AS_DOCX}`,
  "file.docUnconvertible": (_: { file: string }) => `Word 97-2003 文档（.doc）无法转换（文件可能已损坏或设有密码）：${SAVE_AS_DOCX}`,
  /* eslint-enable @typescript-eslint/no-unused-vars */
  "sheet.missing": (p: { sheet: string }) => `缺少工作表“${p.sheet}”（可用“插入模板”创建）`,
  "sheet.missingNear": (p: { sheet: string; near: string }) => `缺少工作表“${p.sheet}”：${p.near}，请改名为“${p.sheet}”`,
  "sheet.textsNear": (p: { sheet: string; near: string }) => `没有读取文字材料：${p.near}，请改名为“${p.sheet}”`,
  "sheet.tooLarge": (p: { sheet: string; limit: string }) =>
    `工作表“${p.sheet}”的非空单元格超过 ${p.limit} 个，超出可评分的上限，请删除与评分无关的数据`,
  "header.missing": (p: { headers: string }) => `找不到表头行：须同时包含列标题 ${p.headers}`,
  "header.duplicate": (p: { header: string; first: string }) => `列标题“${p.header}”重复（另见 ${p.first}），无法确定读取哪一列`,

  // ── 基本信息
  "info.labelMissing": (p: { label: string }) => `缺少“${p.label}”一行`,
  "info.unitNameEmpty": () => "单位名称不能为空",
  "info.yearInvalid": (p: { shown: string }) => `年度应为四位年份（如 2023），现为${p.shown}`,
  "info.typeInvalid": (p: { allowed: string; shown: string }) => `评价类型应为 ${p.allowed}，现为${p.shown}`,
  "info.amountUnitInvalid": (p: { shown: string }) => `金额单位应为 万元 或 元，现为${p.shown}`,
  "profile.unknown": (p: { profile: string; allowed: string }) => `未知的评分规则“${p.profile}”，可选：${p.allowed}`,

  // ── a cell that must hold a number (docs/numbers.md)
  "cell.notNumber": (p: { label: string; shown: string }) => `${p.label}应为数字，现为${p.shown}`,
  "cell.notAmount": (p: { label: string; shown: string }) => `${p.label}应为金额，现为${p.shown}`,
  "cell.percentAmount": (p: { label: string }) => `${p.label}应为金额，不能是百分数`,
  "cell.negative": (p: { label: string; shown: string }) => `${p.label}不能为负数，现为${p.shown}`,
  "cell.empty": (p: { label: string }) => `${p.label}不能为空`,
  "cell.unreadable": (p: { label: string; shown: string }) => `${p.label}不能读作数字，现为${p.shown}`,

  // ── 预算执行 and a form's fund block
  "budget.categoryInvalid": (p: { shown: string }) => `支出类别应为 基本支出、项目支出 或 合计，现为${p.shown}`,
  "budget.projectNameColumnMissing": () => "项目支出行须有“项目名称”列",
  "budget.projectNameEmpty": () => "项目支出须填写项目名称",
  "budget.noRows": () => "预算执行表没有数据行",
  "budget.overspent": (p: { name: string; spent: string; budget: string }) =>
    `${quote(p.name)}全年执行数 ${p.spent} 万元超过全年预算数 ${p.budget} 万元（执行率按 100% 计分）`,
  "budget.lowRate": (p: { name: string; rate: string }) => `${quote(p.name)}执行率 ${p.rate} 低于 90%，请在备注中说明原因`,
  "budget.totalDiffers": (p: { field: string; value: string; sum: string }) =>
    `合计行${p.field} ${p.value} 与基本支出、项目支出之和 ${p.sum} 不符`,
  "fund.missing": () => "找不到资金情况（须有“全年预算数”和“全年执行数”列）",
  "fund.columnMissing": (p: { column: string; row: number }) => `资金情况缺少“${p.column}”列（第 ${p.row} 行），无法计算执行率`,
  "fund.budgetFromInitial": (p: { row: number }) => `资金情况没有“全年预算数”列（第 ${p.row} 行），以“年初预算数”作为全年预算数计算执行率`,
  "fund.unitAssumedYuan": (p: { ceiling: string }) => `未注明金额单位：年度资金总额超过 ${p.ceiling}，按“元”读取（报告以万元显示）`,
  "fund.unitAssumedWan": () => "未注明金额单位，按“万元”读取（全国自评表的单位）",
  "fund.totalEmpty": (p: { label: string; field: string }) => `${p.label}的${p.field}不能为空`,
  "fund.noTotal": () => "资金情况中找不到“年度资金总额”的全年预算数和全年执行数",
  "fund.sourcesDiffer": (p: { sources: string; field: string; sum: string; total: string }) =>
    `资金来源分项（${p.sources}）${p.field}之和 ${p.sum} 万元与年度资金总额 ${p.total} 万元不符`,
  "execution.weightDefault": (p: { weight: number }) => `资金情况未填写执行率分值，按 ${p.weight} 分计（财预〔2020〕10号）`,
  "execution.outsideTotal": (p: { total: string; weight: string }) =>
    `总分 ${p.total} 只含各项指标的分值，预算执行率（${p.weight} 分）不在总分之内：按表中总分计`,

  // ── 绩效指标 rows (template and forms)
  "weight.notNumber": (p: { shown: string }) => `分值应为大于 0 的数字，现为${p.shown}`,
  "weight.notPositive": (p: { value: number }) => `分值应大于 0，现为 ${p.value}`,
  "weight.decimals": (p: { decimals: number; value: number }) =>
    `分值最多保留 ${p.decimals} 位小数，现为 ${p.value}（得分按两位小数计，可能超过分值）`,
  "weight.sum": (p: { sum: string; detail: string; total: number; profile: string }) =>
    `分值合计为 ${p.sum}${p.detail}，应为 ${p.total}${p.profile ? `（评分规则 ${p.profile}）` : ""}`,
  "weight.blockSum": (p: { label: string; sum: string; weight: string }) =>
    `“${p.label}”下各项填报得分之和 ${p.sum} 超过其分值 ${p.weight}`,
  "indicator.nameEmpty": () => "三级指标名称不能为空",
  "indicator.namePlaceholder": (p: { shown: string }) => `三级指标名称不能为空（现为${p.shown}）`,
  "indicator.duplicateName": (p: { name: string; other: string }) => `三级指标${quote(p.name)}与 ${p.other} 重名，请确认不是重复录入`,
  "indicator.levelEmpty": (p: { level: string }) => `${p.level}不能为空`,
  "indicator.natureInvalid": (p: { shown: string }) => `指标性质应为 定量 或 定性，现为${p.shown}`,
  "indicator.directionInvalid": (p: { shown: string }) => `指标方向应为 ≥、≤ 或 =，现为${p.shown}`,
  "indicator.methodUnknown": (p: { method: string; allowed: string }) => `未知的评分方法“${p.method}”，可选：${p.allowed}`,
  "indicator.tierInvalid": (p: { shown: string }) => `完成情况应为 达成、部分达成 或 未达成（或其完整表述），现为${p.shown}`,
  "indicator.noRows": () => "绩效指标表没有指标行",
  "indicator.unitMismatch": (p: { target: string; actual: string }) =>
    `年度指标值与实际完成值一个是百分数、一个不是（${p.target} / ${p.actual}），请确认单位一致`,
  "indicator.directScore": (p: { name: string; score: number }) =>
    `${quote(p.name)}无年度指标值和实际完成值，填报得分 ${p.score} 按直接评分采用`,
  "row.cellMissing": (p: { name: string; label: string }) => `${quote(p.name)}${p.label}未填写，填报得分按直接评分采用`,
  "breakdown.notScored": (p: { name: string }) => `${quote(p.name)}为分项说明行，列示不计分`,
  "target.notNumber": (p: { method: string; shown: string }) => `年度指标值应为数字（评分方法：${p.method}），现为${p.shown}`,
  "target.notPositive": (p: { method: string; shown: string }) => `年度指标值须为正数才能按${p.method}计分，现为${p.shown}`,
  "actual.notNumber": (p: { method: string; shown: string }) => `实际完成值应为数字（评分方法：${p.method}），现为${p.shown}`,
  "actual.date": (p: { shown: string }) => `实际完成值应为数字（年度指标值是数量，不是日期），现为${p.shown}`,
  /** `target`: the quoted target text when a target without a number made the row 定性, else "". */
  "qualitative.tierMissing": (p: { target: string; hasColumn: boolean }) =>
    `${p.target ? `年度指标值${p.target}不是可计分的数字，按定性指标处理：` : "定性指标"}${p.hasColumn ? "须填写完成情况（达成 / 部分达成 / 未达成）" : "须有“完成情况”列"}`,
  "qualitative.scoreRequired": (p: { name: string; actual: string }) => `${quote(p.name)}为定性指标（实际完成值${p.actual}），须填写得分`,
  "score.required": (p: { method: string }) => `评分方法为${p.method}时须填写自评得分`,
  "score.negative": () => "自评得分不能为负数",
  "score.aboveWeight": (p: { score: number; weight: number }) => `自评得分 ${p.score} 超过分值 ${p.weight}`,
  "score.differs": (p: { name: string; filled: number; method: string; score: number }) =>
    `${quote(p.name)}填写的自评得分 ${p.filled} 与按${p.method}计算的 ${p.score} 不同，以计算结果为准`,
  "tier.scoreRequired": (p: { tier: string; range: string }) => `完成情况为“${p.tier}”时须填写自评得分，范围 ${p.range}`,
  "tier.scoreOutside": (p: { tier: string; range: string; score: number }) =>
    `完成情况为“${p.tier}”时自评得分应在 ${p.range} 内，现为 ${p.score}`,
  "tier.filledOutside": (p: { name: string; actual: string; tier: string; range: string; score: number }) =>
    `${quote(p.name)}实际完成${p.actual}属“${p.tier}”，得分范围为 ${p.range}，填报 ${p.score}`,
  "deviation.short": (p: { name: string; score: number; weight: number }) =>
    `${quote(p.name)}未达到年度指标值（得分 ${p.score}/${p.weight}），请填写偏差原因分析及改进措施`,
  "deviation.partly": (p: { name: string }) => `${quote(p.name)}未完全达成，请填写偏差原因分析及改进措施`,
  "deviation.belowFull": (p: { name: string; score: number; weight: string }) =>
    `${quote(p.name)}得分 ${p.score}/${p.weight} 未得满分，请填写偏差原因分析及改进措施`,
  "deviation.overAchieved": (p: { name: string; rate: string }) =>
    `${quote(p.name)}实际完成值为年度指标值的 ${p.rate}（≥130%），指标值可能设置偏低，请说明原因`,

  // ── what a form's department filled (forms.md "Checks a reviewer would make")
  "filled.aboveWeight": (p: { name: string; filled: number; weight: string }) =>
    `${quote(p.name)}填报得分 ${p.filled} 超过分值 ${p.weight}`,
  "filled.negative": (p: { name: string; filled: number }) => `${quote(p.name)}填报得分不能为负数（${p.filled}）`,
  "filled.differs": (p: { name: string; filled: number; rule: string; why: string }) =>
    `${quote(p.name)}填报得分 ${p.filled}，按规则应为 ${p.rule}（${p.why}）`,
  "filled.totalDiffers": (p: { total: number; sum: string }) => `填报总分 ${p.total} 与各项填报得分之和 ${p.sum} 不符`,
  "filled.rateDiffers": (p: { filled: number; rate: string }) => `填报执行率 ${p.filled}% 与全年执行数 ÷ 全年预算数 ${p.rate} 不符`,

  // ── finding and reading forms
  "form.yearMissing": () => "找不到表的年度（如“（2023年度）”或“2023年度…自评表”）",
  "form.noWeightNoScore": (p: { row: number }) =>
    `找到“一级指标/二级指标/三级指标”表头（第 ${p.row} 行），但缺少“分值”和“得分”列，无法评分`,
  "form.noNumbers": (p: { row: number }) =>
    `绩效指标部分（第 ${p.row} 行起）没有可评分的指标：分值、得分、指标值和实际完成值中没有任何数字`,
  "form.noIndicators": (p: { row: number }) => `绩效指标部分（第 ${p.row} 行起）没有可评分的指标`,
  "form.noWeightColumn": (p: { unscored: number }) =>
    `未找到分值列：各指标分值未知，填报得分按直接评分采用${p.unscored ? `（${p.unscored} 项未填得分）` : ""}`,
  "form.headerIncomplete": (p: { found: string; row: number; missing: string }) =>
    `找到“${p.found}”表头（第 ${p.row} 行），但缺少${p.missing}列，不能识别为绩效自评表`,
  "form.notFound": (p: { sheets: string }) =>
    `没有找到绩效自评表：在工作表 ${p.sheets} 中查找含“一级指标、二级指标、三级指标”表头的项目支出/部门整体支出绩效自评表，未找到；也没有“基本信息、预算执行、绩效指标”模板工作表（可用“插入模板”创建）`,
  "form.notOnSheet": (p: { sheet: string; sheets: string }) => `工作表“${p.sheet}”上没有绩效自评表；有自评表的工作表：${p.sheets}`,
  "form.unreadable": (p: { sheet: string; count: number }) =>
    `工作表“${p.sheet}”上的绩效自评表有 ${p.count} 处错误，未评分（其他自评表照常评分）`,
  "form.yearFromDate": (p: { year: number }) => `表中没有年度，按填报日期的上一年（${p.year}年）读取`,
  "form.yearUnknown": () => "表中没有年度，年度留空",
  "form.notEvaluated": () => "实际完成值和得分都未填写：按尚未自评处理，只计算预算执行率，指标完成情况未知",
  "form.nothingScored": () => "表中没有分值和得分：只读取预算执行率和各指标是否达到年度指标值，得分留空",

  // ── 文字材料
  "texts.contentInvalid": (p: { shown: string }) => `内容现为${p.shown}，请改为文字`,
  "texts.sectionUnknown": (p: { shown: string; allowed: string }) => `未知的栏目${p.shown}，可选：${p.allowed}`,
  "texts.sectionEmpty": () => "栏目不能为空",
} as const;

type Catalogue = typeof ZH;
export type ProblemCode = keyof Catalogue;
export type ProblemParams<C extends ProblemCode> = C extends ProblemCode
  ? Catalogue[C] extends () => string
    ? Record<string, never>
    : Parameters<Catalogue[C]>[0] & Record<string, Param>
  : never;

/** Each code's message from its params (the catalogue typed per code, so rendering needs no cast). */
type Renderers = { [C in ProblemCode]: (p: ProblemParams<C>) => string };
const ZH_RENDER: Renderers = ZH;

/** English where a message has one; others fall back to zh-CN. */
const EN: Partial<Renderers> = {
  "file.unreadable": (p) => `Cannot read the file “${p.path}”`,
  "file.notXlsx": () => "Not a valid Excel workbook (.xlsx)",
  "file.failed": (p) => `Cannot process this file: ${p.reason}`,
  "sheet.missing": (p) => `Missing sheet “${p.sheet}” (Insert template creates it)`,
  "cell.negative": (p) => `${p.label} cannot be negative; found ${p.shown}`,
  "form.unreadable": (p) => `The form on sheet “${p.sheet}” has ${p.count} error(s) and was not scored (other forms are scored)`,
};

export interface Problem<C extends ProblemCode = ProblemCode> {
  /** Where; null only for a problem with the file itself. */
  ref: CellRef | null;
  code: C;
  params: ProblemParams<C>;
  /** What the row is about: an indicator's name, a fund row's label, a form's sheet. */
  subject?: string;
  severity: Severity;
}

/** A Problem with its display fields derived: how today's CLI, JSON, pane and review print it. */
export interface CellIssue<C extends ProblemCode = ProblemCode> extends Problem<C> {
  /** `绩效指标!H5` (a sheet's A1 for a whole sheet; the file's name for a file problem). */
  cell: string;
  /** Rendered in zh-CN. */
  message: string;
}

export function renderProblem<C extends ProblemCode>(problem: Problem<C>, locale: Locale = "zh-CN"): string {
  const en = locale === "en-US" ? EN[problem.code] : undefined;
  if (en) return en(problem.params);
  return ZH_RENDER[problem.code](problem.params);
}

/** How a place is named in a message and in the JSON: 绩效指标!H5. */
export function refName(ref: CellRef): string {
  if (ref.inTable) return ref.inTable.row < 1 ? `${ref.sheet} 上方的标题` : `${ref.sheet} 第${ref.inTable.row}行第${ref.inTable.col}列`;
  return cellName(ref.sheet, ref.row, ref.col);
}

/** Where a problem is, as lists print it: its cell, else (a problem with the file) the file's name, else "". */
export function placeName(problem: { ref: CellRef | null; params: object }): string {
  if (problem.ref) return refName(problem.ref);
  const file = "file" in problem.params ? problem.params.file : undefined;
  return typeof file === "string" ? file : "";
}

/** The problem alone, without display fields: what crosses a worker or a dialog boundary. */
export function bareProblem<C extends ProblemCode>(p: Problem<C>): Problem<C> {
  return { ref: p.ref, code: p.code, params: p.params, ...(p.subject ? { subject: p.subject } : {}), severity: p.severity };
}

function makeIssue<C extends ProblemCode>(
  severity: Severity,
  ref: CellRef | null,
  code: C,
  params: ProblemParams<C>,
  subject?: string,
): CellIssue<C> {
  const problem: Problem<C> = { ref, code, params, severity, ...(subject ? { subject } : {}) };
  return { ...problem, cell: placeName(problem), message: renderProblem(problem) };
}

/** An error (the run stops, nothing is written). */
export function errorIssue<C extends ProblemCode>(ref: CellRef | null, code: C, params: ProblemParams<C>, subject?: string): CellIssue<C> {
  return makeIssue("error", ref, code, params, subject);
}

/** A warning (the run goes on; the problem is listed). */
export function warningIssue<C extends ProblemCode>(
  ref: CellRef | null,
  code: C,
  params: ProblemParams<C>,
  subject?: string,
): CellIssue<C> {
  return makeIssue("warning", ref, code, params, subject);
}
