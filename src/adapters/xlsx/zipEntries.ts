/**
 * A lean, read-only view of a zip package: the central directory parsed once, an entry inflated
 * only when asked, small entries in one synchronous call, large ones streamed. Reading a batch of
 * small workbooks this way costs a fraction of JSZip's asynchronous machinery. Only the plain
 * cases are handled (stored or deflated entries, no ZIP64, no encryption): `open` returns
 * undefined for anything else and the caller falls back to JSZip.
 */
import { createReadStream, promises as fsp } from "fs";
import { once } from "events";
import { PassThrough } from "stream";
import * as zlib from "zlib";

interface Entry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  headerOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Entries up to this size (as declared, and as inflated) are inflated in one call. */
export const SYNC_INFLATE_MAX = 8 * 1024 * 1024;

export class ZipEntries {
  private constructor(
    private readonly data: Buffer,
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  static open(data: Buffer): ZipEntries | undefined {
    // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
    const floor = Math.max(0, data.length - 22 - 0xffff);
    let eocd = -1;
    for (let i = data.length - 22; i >= floor; i--)
      if (data.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0) return undefined;
    const count = data.readUInt16LE(eocd + 10);
    const size = data.readUInt32LE(eocd + 12);
    let at = data.readUInt32LE(eocd + 16);
    if (count === 0xffff || size === 0xffffffff || at === 0xffffffff || at + size > eocd) return undefined;
    const entries = new Map<string, Entry>();
    for (let n = 0; n < count; n++) {
      if (at + 46 > eocd || data.readUInt32LE(at) !== CENTRAL) return undefined;
      const flags = data.readUInt16LE(at + 8);
      const method = data.readUInt16LE(at + 10);
      const compressedSize = data.readUInt32LE(at + 20);
      const uncompressedSize = data.readUInt32LE(at + 24);
      const nameLength = data.readUInt16LE(at + 28);
      const extraLength = data.readUInt16LE(at + 30);
      const commentLength = data.readUInt16LE(at + 32);
      const headerOffset = data.readUInt32LE(at + 42);
      if (flags & 1 || (method !== 0 && method !== 8)) return undefined;
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || headerOffset === 0xffffffff) return undefined;
      const name = data.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
      if (!entries.has(name)) entries.set(name, { method, compressedSize, uncompressedSize, headerOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipEntries(data, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The declared inflated size, or undefined where there is no such entry. */
  size(name: string): number | undefined {
    return this.entries.get(name)?.uncompressedSize;
  }

  /** The entry's compressed bytes (throws where the local header is not where the directory says). */
  private raw(entry: Entry): Buffer {
    const at = entry.headerOffset;
    if (at + 30 > this.data.length || this.data.readUInt32LE(at) !== LOCAL) throw new Error("bad zip entry");
    const start = at + 30 + this.data.readUInt16LE(at + 26) + this.data.readUInt16LE(at + 28);
    if (start + entry.compressedSize > this.data.length) throw new Error("truncated zip entry");
    return this.data.subarray(start, start + entry.compressedSize);
  }

  /**
   * The entry's bytes in one piece; undefined where there is no entry. Throws where it inflates
   * past `max` (a declared size that lies) — the caller streams it instead.
   */
  bytes(name: string, max = SYNC_INFLATE_MAX): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const raw = this.raw(entry);
    if (entry.method === 0) return raw;
    return zlib.inflateRawSync(raw, { maxOutputLength: max });
  }

  text(name: string): string | undefined {
    return this.bytes(name, Math.max(SYNC_INFLATE_MAX, this.size(name) ?? 0))?.toString("utf8");
  }

  /** The entry's bytes as a stream (for parts too large to hold inflated). */
  stream(name: string): NodeJS.ReadableStream | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const raw = this.raw(entry);
    if (entry.method === 0) {
      const pass = new PassThrough();
      pass.end(raw);
      return pass;
    }
    const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.end(raw);
    return inflate;
  }
}

let crcTable: Int32Array | undefined;

/** CRC-32 of `data`, continuing from `previous` (the CRC of what came before it). */
export function crc32(data: Buffer, previous = 0): number {
  // Node's own where it has one (20.15 and later); the table below otherwise.
  const native = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;
  if (native) return native(data, previous);
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = previous ^ -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** An entry's local header and central directory record (no ZIP64: parts under 4 GB). */
function entryHeaders(name: Buffer, o: { deflated: boolean; crc: number; size: number; compressed: number; offset: number }) {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x800, 6);
  local.writeUInt16LE(o.deflated ? 8 : 0, 8);
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(0x21, 12);
  local.writeUInt32LE(o.crc, 14);
  local.writeUInt32LE(o.compressed, 18);
  local.writeUInt32LE(o.size, 22);
  local.writeUInt16LE(name.length, 26);
  const dir = Buffer.alloc(46);
  dir.writeUInt32LE(CENTRAL, 0);
  dir.writeUInt16LE(20, 4);
  dir.writeUInt16LE(20, 6);
  local.copy(dir, 8, 6, 30);
  dir.writeUInt32LE(o.offset, 42);
  return { local, dir };
}

function endRecord(entries: number, dirSize: number, dirOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(dirOffset, 16);
  return end;
}

/**
 * A zip package of the given parts, deflated (stored where that does not pay), in the order given
 * ([Content_Types].xml first, as Office writes it). Entries are dated 1980-01-01, so the same
 * parts make the same bytes.
 */
export function writeZip(parts: ReadonlyArray<readonly [string, string | Buffer]>, level = 6): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const deflated = zlib.deflateRawSync(data, { level });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const nameBytes = Buffer.from(name, "utf8");
    const { local, dir } = entryHeaders(nameBytes, {
      deflated: !stored,
      crc: crc32(data),
      size: data.length,
      compressed: body.length,
      offset,
    });
    chunks.push(local, nameBytes, body);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  return Buffer.concat([...chunks, ...central, endRecord(parts.length, dirSize, offset)]);
}

/** A piece of a part streamed into a zip file: text, bytes, or the whole of a (temporary) file. */
export type ZipChunk = string | Buffer | { file: string };

async function* chunkBytes(chunk: ZipChunk): AsyncGenerator<Buffer> {
  if (typeof chunk === "string") yield Buffer.from(chunk, "utf8");
  else if (Buffer.isBuffer(chunk)) yield chunk;
  else for await (const b of createReadStream(chunk.file, { highWaterMark: 1 << 20 })) yield b as Buffer;
}

/**
 * The same package as writeZip, streamed to `file`: each part is deflated as its chunks are read,
 * its header patched in place once its size and CRC are known, so a part of hundreds of megabytes
 * (a summary of 50,000 forms spooled to disk) never sits in memory.
 */
export async function writeZipFile(file: string, parts: ReadonlyArray<readonly [string, readonly ZipChunk[]]>, level = 6): Promise<void> {
  const fd = await fsp.open(file, "w");
  try {
    const central: Buffer[] = [];
    let offset = 0;
    for (const [name, chunks] of parts) {
      const nameBytes = Buffer.from(name, "utf8");
      const headerAt = offset;
      offset += 30 + nameBytes.length;
      let crc = 0;
      let size = 0;
      let compressed = 0;
      const deflate = zlib.createDeflateRaw({ level, chunkSize: 1 << 20 });
      const drained = (async () => {
        for await (const out of deflate) {
          const b = out as Buffer;
          await fd.write(b, 0, b.length, offset);
          offset += b.length;
          compressed += b.length;
        }
      })();
      for (const chunk of chunks)
        for await (const data of chunkBytes(chunk)) {
          crc = crc32(data, crc);
          size += data.length;
          if (!deflate.write(data)) await once(deflate, "drain");
        }
      deflate.end();
      await drained;
      const { local, dir } = entryHeaders(nameBytes, { deflated: true, crc, size, compressed, offset: headerAt });
      await fd.write(Buffer.concat([local, nameBytes]), 0, 30 + nameBytes.length, headerAt);
      central.push(dir, nameBytes);
    }
    const directory = Buffer.concat([
      ...central,
      endRecord(
        parts.length,
        central.reduce((n, b) => n + b.length, 0),
        offset,
      ),
    ]);
    await fd.write(directory, 0, directory.length, offset);
  } finally {
    await fd.close();
  }
}
