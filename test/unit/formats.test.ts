/**
 * The format readers at the record and XML level (adapters/formats): BIFF8 records built byte by
 * byte (every cell record the reader knows, strings split across CONTINUE, damaged and encrypted
 * streams), Word tables with every kind of merge, places told in a document's terms, and content
 * sniffing (a file's kind from its bytes, not its name).
 */
import { BiffEncryptedError, BiffError, readBiffWorkbook } from "../../src/adapters/formats/biff";
import { readDocxTables } from "../../src/adapters/formats/docxTables";
import { FormatError, openInput } from "../../src/adapters/formats/inputFile";
import { problemsIn, tablePlace } from "../../src/core/places";
import { cellRef, placeName, refName, warningIssue } from "../../src/core/problems";
import { writeZip } from "../../src/adapters/xlsx/zipEntries";

const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const f64 = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b;
};
const rec = (type: number, ...body: Buffer[]) => {
  const data = Buffer.concat(body);
  return Buffer.concat([u16(type), u16(data.length), data]);
};
/** XLUnicodeString: 16-bit count, flags, UTF-16LE characters. */
const wide = (s: string) => Buffer.concat([u16(s.length), Buffer.from([1]), Buffer.from(s, "utf16le")]);
const cell = (row: number, col: number, xf: number) => Buffer.concat([u16(row), u16(col), u16(xf)]);
/** An RK holding an integer (×100 when `div100`). */
const rkInt = (n: number, div100 = false) => u32(((n << 2) | 2 | (div100 ? 1 : 0)) >>> 0);

const BOF = (kind: number) => rec(0x0809, u16(0x0600), u16(kind), Buffer.alloc(12));
const EOF = rec(0x000a);

/** A workbook stream of one sheet `表1` holding the given cell records. */
function workbook(cells: Buffer[], extraGlobals: Buffer[] = []): Buffer {
  const sstStrings = ["项目名称", "市直机关党建品牌建设项目", "跨越续接记录的很长的一段文字"];
  // The third string is split across the SST and its CONTINUE, the CONTINUE restarting with its flag byte.
  const third = Buffer.from(sstStrings[2], "utf16le");
  const sst = rec(
    0x00fc,
    u32(3),
    u32(3),
    wide(sstStrings[0]),
    wide(sstStrings[1]),
    u16(sstStrings[2].length),
    Buffer.from([1]),
    third.subarray(0, 8),
  );
  const cont = rec(0x003c, Buffer.from([1]), third.subarray(8));
  const globalsBody = (offset: number) =>
    Buffer.concat([
      BOF(0x0005),
      ...extraGlobals,
      rec(0x041e, u16(164), wide("0.0%")),
      rec(0x00e0, u16(0), u16(0), Buffer.alloc(16)),
      rec(0x00e0, u16(0), u16(10), Buffer.alloc(16)),
      rec(0x00e0, u16(0), u16(164), Buffer.alloc(16)),
      rec(0x0085, u32(offset), Buffer.from([0, 0]), Buffer.from([2, 1]), Buffer.from("表1", "utf16le")),
      sst,
      cont,
      EOF,
    ]);
  const offset = globalsBody(0).length;
  return Buffer.concat([globalsBody(offset), BOF(0x0010), ...cells, EOF]);
}

describe("BIFF8 records", () => {
  test("every cell record reads as the port's cell: strings, numbers, RKs, booleans, errors, formulas' results", () => {
    const stream = workbook([
      rec(0x00fd, cell(0, 0, 0), u32(0)), // A1 LabelSst
      rec(0x00fd, cell(0, 1, 0), u32(1)), // B1
      rec(0x00fd, cell(1, 0, 0), u32(2)), // A2: the string across CONTINUE
      rec(0x0203, cell(2, 0, 0), f64(237.49)), // A3 Number
      rec(0x0203, cell(2, 1, 1), f64(0.9658)), // B3 Number, 0.00%
      rec(0x027e, cell(3, 0, 2), rkInt(12345, true)), // A4 RK 123.45, custom 0.0%
      rec(0x00bd, u16(4), u16(0), u16(0), rkInt(10), u16(0), rkInt(-3), u16(2)), // A5:B5 MulRk
      rec(0x0205, cell(5, 0, 0), Buffer.from([1, 0])), // A6 TRUE
      rec(0x0205, cell(5, 1, 0), Buffer.from([0x07, 1])), // B6 #DIV/0!
      rec(0x0006, cell(6, 0, 0), f64(99.67), u16(0), u32(0), u16(0)), // A7 formula, number result
      rec(0x0006, cell(6, 1, 0), Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff]), u16(0), u32(0), u16(0)), // B7 string result
      rec(0x0207, wide("优")), // its String record
      rec(0x0006, cell(6, 2, 0), Buffer.from([2, 0, 0x2a, 0, 0, 0, 0xff, 0xff]), u16(0), u32(0), u16(0)), // C7 #N/A
      rec(0x0204, cell(7, 0, 0), wide("（2023年度）")), // A8 Label
      rec(0x00fd, cell(8, 0, 0), u32(99)), // A9: an index past the SST
      rec(0x00e5, u16(1), u16(0), u16(1), u16(0), u16(2)), // MergedCells A1:C2
    ]);
    const snapshot = readBiffWorkbook(stream);
    expect(snapshot.sheetNames).toEqual(["表1"]);
    expect(snapshot.sheets["表1"].cells).toEqual([
      { row: 1, col: 1, value: "项目名称" },
      { row: 1, col: 2, value: "市直机关党建品牌建设项目" },
      { row: 2, col: 1, value: "跨越续接记录的很长的一段文字" },
      { row: 3, col: 1, value: 237.49 },
      { row: 3, col: 2, value: 0.9658, numberFormat: "0.00%" },
      { row: 4, col: 1, value: 123.45, numberFormat: "0.0%" },
      { row: 5, col: 1, value: 10 },
      { row: 5, col: 2, value: -3 },
      { row: 6, col: 1, value: true },
      { row: 6, col: 2, value: { error: "#DIV/0!" } },
      { row: 7, col: 1, value: 99.67 },
      { row: 7, col: 2, value: "优" },
      { row: 7, col: 3, value: { error: "#N/A" } },
      { row: 8, col: 1, value: "（2023年度）" },
      { row: 9, col: 1, value: { error: "#REF!" } },
    ]);
    expect(snapshot.merges["表1"]).toEqual([[1, 1, 2, 3]]);
  });

  test("a stream cut anywhere is a BiffError, never a read past its end", () => {
    const stream = workbook([rec(0x0203, cell(0, 0, 0), f64(1)), rec(0x00fd, cell(0, 1, 0), u32(1))]);
    for (let cut = 1; cut < stream.length; cut += 7) {
      expect(() => readBiffWorkbook(stream.subarray(0, cut))).toThrow(BiffError);
    }
    expect(() => readBiffWorkbook(Buffer.from("not a workbook stream at all"))).toThrow(BiffError);
  });

  test("seeded mutations of a stream (bytes changed, records cut) read or throw BiffError, never anything else", () => {
    const stream = workbook([
      rec(0x0203, cell(0, 0, 0), f64(1)),
      rec(0x00fd, cell(0, 1, 0), u32(1)),
      rec(0x00bd, u16(1), u16(0), u16(0), rkInt(5), u16(0)),
    ]);
    let seed = 18;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 500; run++) {
      const mutated = Buffer.from(stream);
      for (let i = 0; i < 1 + Math.floor(random() * 4); i++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      try {
        readBiffWorkbook(mutated);
      } catch (err) {
        expect([BiffError, BiffEncryptedError].some((E) => err instanceof E)).toBe(true);
      }
    }
  });

  test("sheets whose streams point into each other are refused, not read over and over", () => {
    const stream = workbook([rec(0x0203, cell(0, 0, 0), f64(1))]);
    // A second BoundSheet8 at the first one's offset.
    const at = stream.indexOf(Buffer.from("表1", "utf16le")) - 12;
    const copy = stream.subarray(at, at + 4 + stream.readUInt16LE(at + 2));
    const doubled = Buffer.concat([stream.subarray(0, at), copy, stream.subarray(at)]);
    // Offsets moved by the inserted record, both still equal.
    for (const p of [at, at + copy.length]) doubled.writeUInt32LE(doubled.readUInt32LE(p + 4) + copy.length, p + 4);
    expect(() => readBiffWorkbook(doubled)).toThrow(BiffError);
  });

  test("a FILEPASS record (a password to open) is told apart from damage", () => {
    const stream = workbook([], [rec(0x002f, u16(1), Buffer.alloc(52))]);
    expect(() => readBiffWorkbook(stream)).toThrow(BiffEncryptedError);
  });
});

describe("Word tables", () => {
  const tc = (text: string, props = "") => `<w:tc><w:tcPr>${props}</w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
  const tr = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
  const body = (...parts: string[]) => `<w:document><w:body>${parts.join("")}</w:body></w:document>`;
  const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

  test("merges read as a spreadsheet's: the text in the first cell, covered cells empty; title paragraphs above", () => {
    const xml = body(
      para("项目支出绩效自评表"),
      para(""),
      para("（2023年度）"),
      "<w:tbl>",
      tr(tc("项目名称"), tc("市直机关党建品牌建设项目", '<w:gridSpan w:val="3"/>')),
      tr(tc("项目资金（万元）", '<w:vMerge w:val="restart"/>'), tc("年度资金总额"), tc("237.49"), tc("100.00%")),
      tr(tc("", "<w:vMerge/>"), tc("其中：当年财政拨款"), tc("230"), tc("—")),
      `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc("第一段</w:t></w:r></w:p><w:p><w:r><w:t>第二段")}${tc("a</w:t><w:tab/><w:t>b")}</w:tr>`,
      "</w:tbl>",
    );
    const snapshot = readDocxTables(xml);
    expect(snapshot.kind).toBe("document");
    expect(snapshot.sheetNames).toEqual(["表格1"]);
    const sheet = snapshot.sheets["表格1"];
    expect(sheet.leadRows).toBe(2);
    // The column a reader counts where merged cells come before: 项目名称's value spans grid 2–4; the
    // last row starts two grid columns in (gridBefore).
    expect(sheet.cellInRow).toEqual({ "3,3": 2, "3,4": 2, "6,3": 1, "6,4": 2 });
    // The merges, for writing the table out as a sheet: 项目名称's value across, 项目资金 down.
    expect(snapshot.merges["表格1"]).toEqual([
      [3, 2, 3, 4],
      [4, 1, 5, 1],
    ]);
    expect(sheet.cells.map((c) => [c.row, c.col, c.value])).toEqual([
      [1, 1, "项目支出绩效自评表"],
      [2, 1, "（2023年度）"],
      [3, 1, "项目名称"],
      [3, 2, "市直机关党建品牌建设项目"],
      [4, 1, "项目资金（万元）"],
      [4, 2, "年度资金总额"],
      [4, 3, "237.49"],
      [4, 4, "100.00%"],
      [5, 2, "其中：当年财政拨款"],
      [5, 3, "230"],
      [5, 4, "—"],
      [6, 3, "第一段\n第二段"],
      [6, 4, "a b"],
    ]);
  });

  test("several tables are several sheets, nested ones too; a document without tables has none", () => {
    const inner = `<w:tbl>${tr(tc("内表"))}</w:tbl>`;
    const xml = body(
      "<w:tbl>",
      tr(`<w:tc><w:p><w:r><w:t>外表</w:t></w:r></w:p>${inner}</w:tc>`),
      "</w:tbl>",
      para("附表"),
      `<w:tbl>${tr(tc("第二张"))}</w:tbl>`,
    );
    const snapshot = readDocxTables(xml);
    expect(snapshot.sheetNames).toEqual(["表格1", "表格2", "表格3"]);
    expect(snapshot.sheets["表格1"].cells.map((c) => c.value)).toEqual(["外表"]);
    expect(snapshot.sheets["表格2"].cells.map((c) => c.value)).toEqual(["内表"]);
    expect(snapshot.sheets["表格3"].cells.map((c) => c.value)).toEqual(["附表", "第二张"]);
    expect(readDocxTables(body(para("正文"))).sheetNames).toEqual([]);
  });

  test("places in a document are told by table, row and column; the title above is the table's title", () => {
    // 表格2: two title paragraphs above it; on its row 6 (sheet row 8) a cell spanning grid columns 2–3.
    const layout = { leadRows: 2, cellInRow: { "8,3": 2, "8,4": 3 } };
    const told = (row: number, col: number) =>
      refName({ ...cellRef("表格2", row, col), inTable: tablePlace(cellRef("表格2", row, col), layout) });
    expect(told(7, 3)).toBe("表格2 第5行第3列");
    expect(told(8, 4)).toBe("表格2 第6行第3列");
    expect(told(1, 1)).toBe("表格2 上方的标题");
    const issues = [warningIssue(cellRef("表格2", 7, 3), "filled.totalDiffers", { total: 1, sum: "2" })];
    const sheets = { 表格2: { name: "表格2", cells: [], leadRows: 2 } };
    expect(problemsIn({ kind: "document", sheets }, issues).map(placeName)).toEqual(["表格2 第5行第3列"]);
    expect(problemsIn({ kind: "document", sheets }, issues).map((i) => i.cell)).toEqual(["表格2 第5行第3列"]);
    // A workbook's sheet named 表格2 keeps its cell names.
    expect(problemsIn({ sheets }, issues).map(placeName)).toEqual(["表格2!C7"]);
  });
});

describe("content sniffing", () => {
  test.each([
    ["text renamed .xlsx", Buffer.from("单位,得分\n某局,95\n"), "a.xlsx", /不是有效的 Excel 工作簿或 Word 文档（内容是纯文本）/],
    ["an empty file", Buffer.alloc(0), "a.xls", /不是有效的 Excel 工作簿或 Word 文档，/],
    ["a zip that is no package", Buffer.from("PK\x03\x04garbage", "latin1"), "a.xlsx", /压缩包已损坏/],
    [
      "a web page saved as .xls",
      Buffer.from("<html><body><table><tr><td>项目名称</td></tr></table></body></html>"),
      "a.xls",
      /网页（HTML 表格）.*另存为 \.xlsx/,
    ],
    [
      "Excel 2003 XML saved as .xls",
      Buffer.from('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'),
      "a.xls",
      /Excel 2003 XML 表格/,
    ],
    [
      "an .xlsb (binary Excel 2007 package)",
      writeZip([
        ["[Content_Types].xml", "<Types/>"],
        ["xl/workbook.bin", Buffer.alloc(16)],
      ]),
      "a.xlsx",
      /\.xlsb.*另存为 \.xlsx/,
    ],
    ["an OLE header and nothing else", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "a.et", /损坏或不完整/],
  ])("%s is one FormatError with its reason", async (_, bytes, name, message) => {
    const error = await openInput(bytes, name).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).issue(name).message).toMatch(message);
  });
});
