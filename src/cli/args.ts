/** Minimal argv parsing for the jixiao CLI (no dependency for a handful of commands and flags). */

import { UsageError } from "../io/files";

export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Record<string, string>;
}

const VALUE_FLAGS = new Set(["-o", "--output", "--json", "--docx", "--type", "--profile", "--form", "--scores", "--jobs", "--letters"]);
const BOOLEAN_FLAGS = new Set(["--strict"]);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const helpFirst = argv[0] === "-h" || argv[0] === "--help";
  const [command = "", ...rest] = helpFirst ? ["", ...argv] : argv;
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (VALUE_FLAGS.has(a)) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a}: 需要一个值`);
      flags[a === "--output" ? "-o" : a] = v;
    } else if (a.startsWith("--") && a.includes("=")) {
      const [k, v] = a.split(/=(.*)/s);
      flags[k] = v;
    } else if (a === "-h" || a === "--help") flags["--help"] = "";
    else if (BOOLEAN_FLAGS.has(a)) flags[a] = "";
    else if (a.startsWith("-") && a !== "-") throw new UsageError(`${a}: 未知选项`);
    else positional.push(a);
  }
  return { command, positional, flags };
}

/** `jixiao --help`: every command and flag of the CLI (../shared/spec/cli.md). */
export const USAGE = `用法 / Usage:
  jixiao template -o FILE.xlsx [--type 部门整体支出|项目支出]      空白输入表（表头、下拉列表、说明）
  jixiao score  IN.xlsx -o OUT.xlsx [--json FILE|-] [--profile ID]   计算得分，添加“评分结果”
  jixiao report IN.xlsx -o OUT.xlsx [--docx FILE] [--json FILE|-] [--profile ID] [--form SHEET] [--scores rule|filled]
                                                                     添加“评分结果”和“自评报告”
  IN 可以是 Jixiao 模板，也可以是已填好的项目支出/部门整体支出绩效自评表（任意工作表、可多张）；
  --form 选择报告哪张自评表（默认第一张），--scores 报告采用规则得分（默认）或填报得分。
  IN（review 亦然）还可以是 .xlsm、.xls、WPS .et、Word .docx（文档中的表格）或 .doc（需安装 LibreOffice）；输出总是 .xlsx。
  jixiao demo [-o DIR]                                               用内置样例演示全过程（默认 out/）
  jixiao review IN… -o SUMMARY.xlsx [--letters DIR] [--json FILE|-] [--strict] [--jobs N]
                                                                     批量复核：IN 为任意多个 .xlsx 文件或文件夹（递归查找），
                                                                     汇总每张自评表、问题清单和统计；输入文件从不修改。
                                                                     --letters 按单位在 DIR 中各写一份复核意见函（.docx），汇总表逐行链接；
                                                                     --strict 有文件出错时退出码为 2；--jobs 并行线程数（默认 CPU 核数）

退出码：0 完成（警告输出到 stderr）；2 输入有误（每行一个问题：工作表!单元格: 说明），不生成输出文件；1 其他错误。`;
