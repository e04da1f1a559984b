/**
 * Near-namesakes of the input sheets: a sheet named "文字材料 " (trailing space), "績效指標"
 * (traditional characters), "绩效指标" with a zero-width space or full-width letters is not the
 * sheet by its name, but the user meant it; the message says which sheet it probably is.
 */
import { normalizeText } from "../numbers";
import { quote } from "../issues";

/** Traditional forms of the characters in Jixiao's sheet names (and a few common variants). */
const TRADITIONAL: Readonly<Record<string, string>> = {
  預: "预",
  執: "执",
  績: "绩",
  標: "标",
  資: "资",
  訊: "讯",
  評: "评",
  結: "结",
  報: "报",
  實: "实",
  際: "际",
  數: "数",
  項: "项",
  單: "单",
  額: "额",
};

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad\u180e]/g;

function canonical(name: string): string {
  let s = normalizeText(name.normalize("NFKC").replace(INVISIBLE, "")).replace(/\s+/g, "");
  s = [...s].map((ch) => TRADITIONAL[ch] ?? ch).join("");
  return s.toLowerCase();
}

/** What differs between a near-namesake and the expected name, for the message. */
function differences(actual: string, expected: string): string {
  const out: string[] = [];
  if (INVISIBLE.test(actual)) out.push("不可见字符");
  INVISIBLE.lastIndex = 0;
  if (/\s|\u3000/.test(actual)) out.push("空格");
  if ([...actual].some((ch) => ch in TRADITIONAL)) out.push("繁体字");
  if (/[\uff01-\uff5e]/.test(actual)) out.push("全角字符");
  if (out.length === 0 && actual !== expected) out.push("写法不同");
  return out.join("、");
}

/** The sheet that is probably `expected`, under another spelling; undefined if none. */
export function likelySheet(expected: string, sheetNames: readonly string[]): { sheet: string; describe: string } | undefined {
  const want = canonical(expected);
  const sheet = sheetNames.find((n) => n !== expected && canonical(n) === want);
  if (sheet === undefined) return undefined;
  return { sheet, describe: `工作表${quote(sheet)}可能就是它（名称含${differences(sheet, expected)}）` };
}
