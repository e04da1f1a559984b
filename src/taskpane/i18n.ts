/** UI strings: zh-CN first, en-US for English Office. Every key exists in both (a test checks). */

export const zhCN = {
  title: "绩效自评助手",
  subtitle: "根据预算执行和绩效指标计算自评得分、生成自评报告",
  profileLabel: "评分规则",
  profileAuto: "按“基本信息”表（默认）",
  profileOption: "{name}（{id}）",
  templateTypeLabel: "模板类型",
  insertTemplate: "插入模板",
  score: "计算得分",
  report: "生成报告",
  busyReading: "正在读取工作表…",
  busyComputing: "正在计算…",
  busyWriting: "正在写入工作簿…",
  busyDocx: "正在生成 Word 报告…",
  listSeparator: "、",
  templateCreated: "已插入：{sheets}",
  templateExisting: "输入表均已存在，未作改动：{sheets}",
  scoreDone: "已写入“评分结果”表",
  reportDone: "已写入“评分结果”和“自评报告”表",
  summaryTitle: "自评结果",
  totalScore: "总分",
  grade: "等级",
  executionRate: "预算执行率",
  rateTotal: "预算执行率（合计）",
  rateBasic: "基本支出",
  rateProject: "项目支出",
  notApplicable: "—",
  errorsTitle: "请先修正以下问题",
  errorsFound: "发现 {count} 个问题，工作簿未改动",
  warningsTitle: "提示",
  issueHint: "点击定位到单元格",
  issueLine: "{cell}：{message}",
  downloadDocx: "下载 Word 报告（.docx）",
  docxFileName: "{year}年度{unit}绩效自评报告.docx",
  docxFailed: "Word 报告未能生成：{message}",
  failed: "操作失败，工作簿未改动：{message}",
  unsupported:
    "此版本的 Excel 不支持本加载项（需要 ExcelApi 1.9，即 Excel 2021、Excel 2024、Microsoft 365 或 Excel 网页版）。请升级 Office 后重试。",
  selectFailed: "无法定位到 {cell}：{message}",
} as const;

export type MessageKey = keyof typeof zhCN;

export const enUS: Record<MessageKey, string> = {
  title: "Performance Self-Evaluation",
  subtitle: "Scores budget execution and performance indicators and writes the self-evaluation report",
  profileLabel: "Scoring rules",
  profileAuto: "From the 基本信息 sheet (default)",
  profileOption: "{name} ({id})",
  templateTypeLabel: "Template type",
  insertTemplate: "Insert template",
  score: "Calculate score",
  report: "Generate report",
  busyReading: "Reading the worksheets…",
  busyComputing: "Calculating…",
  busyWriting: "Writing to the workbook…",
  busyDocx: "Building the Word report…",
  listSeparator: ", ",
  templateCreated: "Inserted: {sheets}",
  templateExisting: "All input sheets already exist; nothing changed: {sheets}",
  scoreDone: "The 评分结果 sheet was written",
  reportDone: "The 评分结果 and 自评报告 sheets were written",
  summaryTitle: "Result",
  totalScore: "Total score",
  grade: "Grade",
  executionRate: "Budget execution rate",
  rateTotal: "Budget execution rate (total)",
  rateBasic: "Basic expenditure",
  rateProject: "Project expenditure",
  notApplicable: "—",
  errorsTitle: "Please fix these problems first",
  errorsFound: "{count} problem(s) found; the workbook is unchanged",
  warningsTitle: "Notes",
  issueHint: "Click to select the cell",
  issueLine: "{cell}: {message}",
  downloadDocx: "Download the Word report (.docx)",
  docxFileName: "{year}年度{unit}绩效自评报告.docx",
  docxFailed: "The Word report could not be built: {message}",
  failed: "The command failed; the workbook is unchanged: {message}",
  unsupported:
    "This version of Excel cannot run the add-in (it needs ExcelApi 1.9: Excel 2021, Excel 2024, Microsoft 365 or Excel on the web). Please update Office.",
  selectFailed: "Could not select {cell}: {message}",
};

export type Messages = Record<MessageKey, string>;

/** Office's display language ("zh-CN", "en-US", …) → the UI strings; Chinese unless English. */
export function messagesFor(displayLanguage: string | undefined): Messages {
  return /^en\b/i.test(displayLanguage ?? "") ? enUS : zhCN;
}

export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
