/**
 * The sample forms (assets/sample-form.xlsx's three forms) in every format a 财政局 receives, and
 * hostile files, generated for the format tests and the bench:
 * - .xls (BIFF8) and .xlsm: LibreOffice converts the .xlsx, in one start per target format;
 * - .et: nothing here can write WPS's own format. A WPS .et is an OLE compound file whose Workbook
 *   stream holds BIFF8 records, the structure of an .xls (renamed .xls it opens in .xls readers, not
 *   as .xlsx: blog.csdn.net/l1t/article/details/150492658); the fixture is LibreOffice's BIFF8 file
 *   under the .et name (so it proves the reader, not WPS's writer);
 * - .docx: the forms as tables in the national form's Word layout (test/fixtures/forms/wordForms.ts);
 *   .doc: that document converted by LibreOffice (Word 97);
 * - hostile: a truncated .xls, an encrypted .xlsx (the OLE container Office writes for a
 *   password-protected package: EncryptionInfo + EncryptedPackage), an encrypted .xls (a FILEPASS
 *   record after the globals' BOF), a .docx without tables, a text file renamed .xlsx.
 */
import * as fs from "fs";
import * as path from "path";
import * as CFB from "cfb";
import { Document, Packer, Paragraph } from "docx";
import { SAMPLE_FORM_SHEETS, writeSampleForm } from "../../src/sample/forms/sampleForms";
import { buildWordForms } from "../fixtures/forms/wordForms";
import { convert } from "./libreoffice";

export interface FormatFixtures {
  xlsx: string;
  xlsm: string;
  xls: string;
  et: string;
  docx: string;
  doc: string;
}

/** The sample forms in every format, in `dir` (sample-form.xlsx, .xlsm, .xls, .et, .docx, .doc). */
export async function writeFormatFixtures(dir: string): Promise<FormatFixtures> {
  fs.mkdirSync(dir, { recursive: true });
  const file = (ext: string) => path.join(dir, `sample-form.${ext}`);
  await writeSampleForm(file("xlsx"));
  fs.writeFileSync(file("docx"), await buildWordForms(SAMPLE_FORM_SHEETS));
  const scratch = path.join(dir, "converted");
  convert([file("xlsx")], "xls:MS Excel 97", scratch);
  convert([file("xlsx")], "xlsm:Calc MS Excel 2007 VBA XML", scratch);
  convert([file("docx")], "doc:MS Word 97", scratch);
  for (const ext of ["xls", "xlsm", "doc"]) fs.renameSync(path.join(scratch, `sample-form.${ext}`), file(ext));
  fs.copyFileSync(file("xls"), file("et"));
  fs.rmSync(scratch, { recursive: true, force: true });
  return { xlsx: file("xlsx"), xlsm: file("xlsm"), xls: file("xls"), et: file("et"), docx: file("docx"), doc: file("doc") };
}

export interface HostileFiles {
  truncatedXls: string;
  encryptedXlsx: string;
  encryptedXls: string;
  docxWithoutTables: string;
  renamedText: string;
}

/** Hostile files beside the fixtures (the .xls one is cut from `xls`). */
export async function writeHostileFiles(dir: string, xls: string): Promise<HostileFiles> {
  fs.mkdirSync(dir, { recursive: true });
  const out = (name: string) => path.join(dir, name);
  const bytes = fs.readFileSync(xls);
  fs.writeFileSync(out("truncated.xls"), bytes.subarray(0, Math.floor(bytes.length / 2)));
  fs.writeFileSync(out("encrypted.xlsx"), encryptedPackage());
  fs.writeFileSync(out("encrypted.xls"), withFilePass(bytes));
  const noTables = new Document({ sections: [{ children: [new Paragraph("本单位2023年度项目支出绩效自评情况见附件。")] }] });
  fs.writeFileSync(out("no-tables.docx"), await Packer.toBuffer(noTables));
  fs.writeFileSync(out("renamed.xlsx"), "单位名称,项目,得分\n某局,某项目,95\n");
  return {
    truncatedXls: out("truncated.xls"),
    encryptedXlsx: out("encrypted.xlsx"),
    encryptedXls: out("encrypted.xls"),
    docxWithoutTables: out("no-tables.docx"),
    renamedText: out("renamed.xlsx"),
  };
}

/**
 * What Office writes for a password-protected .xlsx ([MS-OFFCRYPTO] 2.3.4.10, agile): an OLE
 * container with an EncryptionInfo stream (version 4.4 and its XML descriptor) and the
 * EncryptedPackage (the package's size, then its ciphertext — random bytes here: no key opens it).
 */
function encryptedPackage(): Buffer {
  const container = CFB.utils.cfb_new();
  const descriptor =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">' +
    '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>';
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(descriptor)]);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(4096, 0);
  const payload = Buffer.concat([size, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 0xff))]);
  CFB.utils.cfb_add(container, "EncryptionInfo", info);
  CFB.utils.cfb_add(container, "EncryptedPackage", payload);
  return Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array);
}

/**
 * An .xls as Excel saves it with a password to open: a FILEPASS record (RC4 CryptoAPI header)
 * right after the workbook globals' BOF, the sheets' stream offsets moved by its length.
 */
function withFilePass(xls: Buffer): Buffer {
  const container = CFB.read(xls, { type: "buffer" });
  const entry = CFB.find(container, "Workbook")!;
  const stream = Buffer.from(entry.content as Uint8Array);
  const bofLength = 4 + stream.readUInt16LE(2);
  const body = Buffer.alloc(54);
  body.writeUInt16LE(1, 0); // wEncryptionType: RC4
  body.writeUInt16LE(2, 2); // CryptoAPI major version
  const filePass = Buffer.concat([Buffer.from([0x2f, 0x00, body.length, 0x00]), body]);
  const moved = Buffer.concat([stream.subarray(0, bofLength), filePass, stream.subarray(bofLength)]);
  // BoundSheet8 records (0x0085) start with their sheet's stream offset.
  for (let at = 0; at + 4 <= moved.length;) {
    const type = moved.readUInt16LE(at);
    const size = moved.readUInt16LE(at + 2);
    if (type === 0x0085) moved.writeUInt32LE(moved.readUInt32LE(at + 4) + filePass.length, at + 4);
    if (type === 0x000a) break;
    at += 4 + size;
  }
  entry.content = moved;
  entry.size = moved.length;
  return Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array);
}
