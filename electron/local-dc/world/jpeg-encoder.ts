/**
 * A small baseline JPEG encoder (4:2:0, the standard Huffman tables) for the world's message
 * photos, and the one thing a general encoder cannot make: Telegram's stripped thumbnails
 * (`photoStrippedSize`, type "i"). A stripped thumbnail is only the scan of a JPEG whose header is
 * fixed (shared/stripped-thumb.ts), so the scan must be coded with exactly that header's tables;
 * jpeg-js picks its own sampling and tables. The full-size photos reuse that header with
 * quality-scaled quantisation tables, which is also far faster than building a jpeg-js encoder
 * (its tables take ~100 ms to set up on every call).
 */
import { STRIPPED_JPEG_HEADER } from '../../shared/stripped-thumb';

/** Zig-zag position → natural (row-major) index of an 8×8 block. */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

interface HuffmanTable {
  readonly codes: Map<number, { code: number; length: number }>;
}

interface Tables {
  /** Quantisation tables 0 (luma) and 1 (chroma), in zig-zag order. */
  readonly quant: number[][];
  /** Huffman tables by class (0 DC, 1 AC) and id (0 luma, 1 chroma). */
  readonly huffman: Map<string, HuffmanTable>;
}

function canonicalCodes(counts: readonly number[], symbols: readonly number[]): HuffmanTable {
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let next = 0;
  for (let length = 1; length <= 16; length++) {
    for (let index = 0; index < counts[length - 1]!; index++) codes.set(symbols[next++]!, { code: code++, length });
    code <<= 1;
  }
  return { codes };
}

/** Reads the DQT and DHT segments of the shared header. */
function readTables(header: Readonly<Uint8Array>): Tables {
  const quant: number[][] = [];
  const huffman = new Map<string, HuffmanTable>();
  let at = 2;
  while (at < header.length) {
    const marker = header[at + 1]!;
    const length = (header[at + 2]! << 8) | header[at + 3]!;
    const body = header.subarray(at + 4, at + 2 + length);
    if (marker === 0xdb) {
      for (let offset = 0; offset < body.length; offset += 65) quant[body[offset]! & 0x0f] = [...body.subarray(offset + 1, offset + 65)];
    } else if (marker === 0xc4) {
      for (let offset = 0; offset < body.length; ) {
        const kind = body[offset]!;
        const counts = [...body.subarray(offset + 1, offset + 17)];
        const total = counts.reduce((sum, count) => sum + count, 0);
        huffman.set(`${kind >> 4}:${kind & 0x0f}`, canonicalCodes(counts, [...body.subarray(offset + 17, offset + 17 + total)]));
        offset += 17 + total;
      }
    } else if (marker === 0xda) {
      break;
    }
    at += 2 + length;
  }
  return { quant, huffman };
}

let tables: Tables | undefined;

class BitWriter {
  readonly bytes: number[] = [];
  /** Pending bits, at most 7 between calls (plus up to 16 being written). */
  #buffer = 0;
  #count = 0;

  write(value: number, length: number): void {
    this.#buffer = (this.#buffer << length) | (value & ((1 << length) - 1));
    this.#count += length;
    while (this.#count >= 8) {
      const byte = (this.#buffer >> (this.#count - 8)) & 0xff;
      this.bytes.push(byte);
      // A coded 0xFF byte is followed by a stuffed zero so it cannot read as a marker.
      if (byte === 0xff) this.bytes.push(0);
      this.#count -= 8;
    }
    this.#buffer &= (1 << this.#count) - 1;
  }

  /** Pads the last byte with ones, as JPEG asks. */
  finish(): Uint8Array {
    if (this.#count > 0) this.write((1 << (8 - this.#count)) - 1, 8 - this.#count);
    return Uint8Array.from(this.bytes);
  }
}

const COS = Array.from({ length: 8 }, (_, x) => Array.from({ length: 8 }, (_, u) => (Math.cos(((2 * x + 1) * u * Math.PI) / 16) * (u === 0 ? Math.SQRT1_2 : 1)) / 2));

/** Forward DCT of one 8×8 block of level-shifted samples (rows, then columns), quantised, in zig-zag order. */
function transform(block: Float32Array, quant: readonly number[]): number[] {
  const rows = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += block[y * 8 + x]! * COS[x]![u]!;
      rows[y * 8 + u] = sum;
    }
  }
  const out = new Array<number>(64);
  for (let k = 0; k < 64; k++) {
    const natural = ZIGZAG[k]!;
    const v = natural >> 3;
    const u = natural & 7;
    let sum = 0;
    for (let y = 0; y < 8; y++) sum += rows[y * 8 + u]! * COS[y]![v]!;
    out[k] = Math.round(sum / quant[k]!);
  }
  return out;
}

const bitLength = (value: number): number => (value === 0 ? 0 : Math.floor(Math.log2(Math.abs(value))) + 1);

function writeValue(writer: BitWriter, value: number, size: number): void {
  writer.write(value < 0 ? value + (1 << size) - 1 : value, size);
}

function writeSymbol(writer: BitWriter, table: HuffmanTable, symbol: number): void {
  const entry = table.codes.get(symbol);
  if (!entry) throw new Error(`no Huffman code for symbol ${symbol}`);
  writer.write(entry.code, entry.length);
}

function encodeBlock(writer: BitWriter, coefficients: readonly number[], previousDc: number, dc: HuffmanTable, ac: HuffmanTable): number {
  const diff = coefficients[0]! - previousDc;
  const size = bitLength(diff);
  writeSymbol(writer, dc, size);
  if (size > 0) writeValue(writer, diff, size);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const value = coefficients[k]!;
    if (value === 0) {
      run++;
      continue;
    }
    for (; run >= 16; run -= 16) writeSymbol(writer, ac, 0xf0);
    const bits = bitLength(value);
    writeSymbol(writer, ac, (run << 4) | bits);
    writeValue(writer, value, bits);
    run = 0;
  }
  if (run > 0) writeSymbol(writer, ac, 0x00);
  return coefficients[0]!;
}

/** The entropy-coded scan of an RGBA image, 4:2:0, with quantisation tables 0 (luma) and 1 (chroma) in zig-zag order. */
function encodeScan(rgba: Uint8Array, width: number, height: number, quant: readonly (readonly number[])[]): Uint8Array {
  const { huffman } = (tables ??= readTables(STRIPPED_JPEG_HEADER));
  // Planes padded to whole 16×16 units by repeating the last row and column; chroma halved each way.
  const paddedW = Math.ceil(width / 16) * 16;
  const paddedH = Math.ceil(height / 16) * 16;
  const luma = new Float32Array(paddedW * paddedH);
  const blue = new Float32Array((paddedW / 2) * (paddedH / 2));
  const red = new Float32Array((paddedW / 2) * (paddedH / 2));
  for (let y = 0; y < paddedH; y++) {
    for (let x = 0; x < paddedW; x++) {
      const source = (Math.min(y, height - 1) * width + Math.min(x, width - 1)) * 4;
      const r = rgba[source]!;
      const g = rgba[source + 1]!;
      const b = rgba[source + 2]!;
      luma[y * paddedW + x] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
      const half = (y >> 1) * (paddedW / 2) + (x >> 1);
      // 4:2:0: each chroma sample is the mean of a 2×2 square of pixels.
      blue[half]! += (-0.168736 * r - 0.331264 * g + 0.5 * b) / 4;
      red[half]! += (0.5 * r - 0.418688 * g - 0.081312 * b) / 4;
    }
  }
  const block = new Float32Array(64);
  const take = (plane: Float32Array, stride: number, left: number, top: number) => {
    for (let index = 0; index < 64; index++) block[index] = plane[(top + (index >> 3)) * stride + left + (index & 7)]!;
    return block;
  };
  const writer = new BitWriter();
  const previous = [0, 0, 0];
  for (let top = 0; top < paddedH; top += 16) {
    for (let left = 0; left < paddedW; left += 16) {
      for (const [dx, dy] of [
        [0, 0],
        [8, 0],
        [0, 8],
        [8, 8],
      ] as const) {
        previous[0] = encodeBlock(writer, transform(take(luma, paddedW, left + dx, top + dy), quant[0]!), previous[0]!, huffman.get('0:0')!, huffman.get('1:0')!);
      }
      previous[1] = encodeBlock(writer, transform(take(blue, paddedW / 2, left / 2, top / 2), quant[1]!), previous[1]!, huffman.get('0:1')!, huffman.get('1:1')!);
      previous[2] = encodeBlock(writer, transform(take(red, paddedW / 2, left / 2, top / 2), quant[1]!), previous[2]!, huffman.get('0:1')!, huffman.get('1:1')!);
    }
  }
  return writer.finish();
}

/**
 * The stripped thumbnail of an RGBA image of at most 40×40 pixels (shrink first): bytes
 * `[1, height, width, ...scan]`, as Telegram sends it in `photoStrippedSize.bytes`.
 */
export function encodeStrippedThumb(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (width < 1 || height < 1 || width > 40 || height > 40) throw new RangeError('a stripped thumbnail is 1..40 pixels a side');
  const scan = encodeScan(rgba, width, height, (tables ??= readTables(STRIPPED_JPEG_HEADER)).quant);
  const stripped = new Uint8Array(3 + scan.length);
  stripped.set([1, height, width], 0);
  stripped.set(scan, 3);
  return stripped;
}

/** The example tables of the JPEG standard (Annex K), natural order: quality 50. */
const LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68,
  109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, ...new Array<number>(32).fill(99)];

/** A table scaled to `quality` (1..100) the usual way, in zig-zag order. */
function scaledTable(natural: readonly number[], quality: number): number[] {
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
  return ZIGZAG.map((index) => Math.min(255, Math.max(1, Math.floor((natural[index]! * scale + 50) / 100))));
}

/** A baseline JFIF of an RGBA image: the shared header with quality-scaled tables and the real size. */
export function encodeJpeg(rgba: Uint8Array, width: number, height: number, quality = 75): Buffer {
  if (width < 1 || height < 1 || width > 65_535 || height > 65_535) throw new RangeError('JPEG sides are 1..65535 pixels');
  const quant = [scaledTable(LUMA, quality), scaledTable(CHROMA, quality)];
  const header = Buffer.from(STRIPPED_JPEG_HEADER);
  for (let at = 2; at < header.length; ) {
    const marker = header[at + 1]!;
    const length = header.readUInt16BE(at + 2);
    if (marker === 0xdb) header.set(quant[header[at + 4]! & 0x0f]!, at + 5);
    if (marker === 0xc0) {
      header.writeUInt16BE(height, at + 5);
      header.writeUInt16BE(width, at + 7);
    }
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return Buffer.concat([header, encodeScan(rgba, width, height, quant), Buffer.from([0xff, 0xd9])]);
}

/** Nearest-neighbour downscale of RGBA pixels so the longer side is `side`. */
export function shrink(rgba: Uint8Array, width: number, height: number, side: number): { rgba: Uint8Array; width: number; height: number } {
  const scale = side / Math.max(width, height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const source = (Math.min(height - 1, Math.floor(y / scale)) * width + Math.min(width - 1, Math.floor(x / scale))) * 4;
      out.set(rgba.subarray(source, source + 4), (y * w + x) * 4);
    }
  }
  return { rgba: out, width: w, height: h };
}
