/** The bounded .xlsx reader on hand-written package XML: the forms other producers write. */
import JSZip from "jszip";
import { XlsxPackage, decodeXml } from "../../src/adapters/xlsx/xlsxRead";
import { SYNC_INFLATE_MAX, ZipEntries, writeZip } from "../../src/adapters/xlsx/zipEntries";
import { NOT_CALCULATED } from "../../src/core/snapshot";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Extra {
  sst?: string;
  styles?: string;
  prefix?: string;
  store?: boolean;
  /** Changes the package's bytes before it is opened. */
  bytes?: (zip: Buffer) => Buffer;
}

async function pkg(sheetData: string, extra: Extra = {}): Promise<XlsxPackage> {
  const zip = new JSZip();
  const p = extra.prefix ?? "";
  zip.file("_rels/.rels", `<Relationships><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file("xl/workbook.xml", `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/s.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="strings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    "xl/worksheets/s.xml",
    `<${p}worksheet ${p ? `xmlns:${p.slice(0, -1)}` : "xmlns"}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${sheetData}</${p}sheetData></${p}worksheet>`,
  );
  zip.file("xl/strings.xml", `<sst ${NS}>${extra.sst ?? ""}</sst>`);
  zip.file("xl/styles.xml", extra.styles ?? `<styleSheet ${NS}><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`);
  const data = await zip.generateAsync({ type: "nodebuffer", compression: extra.store ? "STORE" : "DEFLATE" });
  return XlsxPackage.load(extra.bytes ? extra.bytes(data) : data);
}

const read = async (p: XlsxPackage) => (await p.readSheet(p.sheets[0])).cells;

test("value types: shared (rich, phonetic left out), inline, bool, error, formula without result, date", async () => {
  const p = await pkg(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>内联</t></is></c>' +
      '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#DIV/0!</v></c><c r="F1"><f>A1+1</f></c><c r="G1" t="d"><v>2023-01-01T00:00:00</v></c>' +
      '<c r="H1"><v>0x10</v></c><c r="I1"><v></v></c><c r="J1" t="s"><v>9</v></c><c r="K1" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c></row>',
    { sst: "<si><t>甲&amp;乙_x000A_丙</t></si><si><r><t>绩效</t></r><r><t>指标</t></r><rPh><t>ジ</t></rPh></si>" },
  );
  expect(await read(p)).toEqual([
    { row: 1, col: 1, value: "甲&乙\n丙" },
    { row: 1, col: 2, value: "绩效指标" },
    { row: 1, col: 3, value: "内联" },
    { row: 1, col: 4, value: true },
    { row: 1, col: 5, value: { error: "#DIV/0!" } },
    { row: 1, col: 6, value: { error: NOT_CALCULATED }, formula: "A1+1" },
    { row: 1, col: 7, value: 44927, numberFormat: "yyyy-mm-dd" },
    { row: 1, col: 8, value: NaN },
    { row: 1, col: 10, value: { error: "#REF!" } },
    { row: 1, col: 11, value: "a&b", formula: '"a"&"b"' },
  ]);
});

test("cells and rows without r follow the previous ones, empty cells included; prefixed XML reads alike", async () => {
  const p = await pkg(
    '<x:row><x:c><x:v>1</x:v></x:c><x:c s="0"/><x:c><x:v>3</x:v></x:c></x:row><x:row><x:c r="C2"/><x:c><x:v>4</x:v></x:c></x:row>',
    {
      prefix: "x:",
    },
  );
  expect(await read(p)).toEqual([
    { row: 1, col: 1, value: 1 },
    { row: 1, col: 3, value: 3 },
    { row: 2, col: 4, value: 4 },
  ]);
});

test("number formats by style: percent, custom date, built-in CJK date", async () => {
  const styles = `<styleSheet ${NS}><numFmts><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="170"/><xf numFmtId="31"/></cellXfs></styleSheet>`;
  const p = await pkg('<row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>45000</v></c><c r="C1" s="3"><v>45000</v></c></row>', {
    styles,
  });
  expect((await read(p)).map((c) => c.numberFormat)).toEqual(["0.00%", 'yyyy"年"m"月"', 'yyyy"年"m"月"d"日"']);
});

test("100,000 blank formatted rows around two values: the values and their places", async () => {
  const blank = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => `<row r="${from + i}" s="1" customFormat="1"><c r="A${from + i}" s="1"/></row>`).join("");
  const p = await pkg(`<row r="1"><c r="A1"><v>1</v></c></row>${blank(2, 100000)}<row r="100002"><c s="1"/><c><v>2</v></c></row>`);
  expect(await read(p)).toEqual([
    { row: 1, col: 1, value: 1 },
    { row: 100002, col: 2, value: 2 },
  ]);
});

test("decodeXml: entities and _xHHHH_ escapes", () => {
  expect(decodeXml("&lt;a&gt; &#20013;&#x6587; _x000D_")).toBe("<a> 中文 \r");
});

const TWO_VALUES = '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3"><c r="B3"><v>2.5</v></c></row>';
const TWO_CELLS = [
  { row: 1, col: 1, value: "甲" },
  { row: 3, col: 2, value: 2.5 },
];

test("stored entries, and a package behind leading bytes (read through JSZip), read alike", async () => {
  expect(await read(await pkg(TWO_VALUES, { sst: "<si><t>甲</t></si>", store: true }))).toEqual(TWO_CELLS);
  const prefixed = await pkg(TWO_VALUES, { sst: "<si><t>甲</t></si>", bytes: (z) => Buffer.concat([Buffer.alloc(64, 1), z]) });
  expect(await read(prefixed)).toEqual(TWO_CELLS);
  expect((await (await prefixed.jszip()).file("xl/strings.xml")!.async("string")).includes("甲")).toBe(true);
});

/** The package with every declared inflated size of the named entry set to `size` (local and central). */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const key = Buffer.from(name);
  for (let i = out.indexOf(key); i >= 0; i = out.indexOf(key, i + 1)) {
    if (out.readUInt32LE(i - 46) === 0x02014b50) out.writeUInt32LE(size, i - 46 + 24);
    else if (out.readUInt32LE(i - 30) === 0x04034b50) out.writeUInt32LE(size, i - 30 + 22);
  }
  return out;
}

test("a sheet past one-piece inflating is streamed; so is one whose declared size lies", async () => {
  const blank = Array.from(
    { length: 120000 },
    (_, i) => `<row r="${i + 2}" s="1" customFormat="1" spans="1:3"><c r="A${i + 2}" s="1"/><c r="B${i + 2}" s="1"/></row>`,
  );
  const big = `<row r="1"><c r="A1"><v>1</v></c></row>${blank.join("")}<row r="120002"><c r="C120002"><v>2</v></c></row>`;
  expect(big.length).toBeGreaterThan(SYNC_INFLATE_MAX);
  const cells = [
    { row: 1, col: 1, value: 1 },
    { row: 120002, col: 3, value: 2 },
  ];
  expect(await read(await pkg(big))).toEqual(cells);
  expect(await read(await pkg(big, { bytes: (z) => declareSize(z, "xl/worksheets/s.xml", 1000) }))).toEqual(cells);
});

test("writeZip: the lean reader and JSZip (CRCs checked) read back every part, stored or deflated", async () => {
  const parts: Array<[string, string | Buffer]> = [
    ["[Content_Types].xml", "<Types/>"],
    ["xl/big.xml", "<row>绩效</row>".repeat(5000)],
    ["x", Buffer.from([0, 1, 2])],
  ];
  const bytes = writeZip(parts);
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const entries = ZipEntries.open(bytes)!;
  for (const [name, content] of parts) {
    expect(await zip.file(name)!.async("nodebuffer")).toEqual(Buffer.from(content));
    expect(entries.bytes(name)).toEqual(Buffer.from(content));
  }
  expect(bytes.length).toBeLessThan(20000);
});
