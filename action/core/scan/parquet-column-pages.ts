/**
 * Decodes one column chunk of a Parquet row group page by page, into flat arrays the router reads
 * without allocating per row. Strings: row i of the page is `data[starts[s], ends[s])` with
 * `s = slots[i]`, a slot per value of a plain page or per dictionary entry (so a dictionary page costs
 * one index per row, and a null points at an empty slot); booleans: `flags` (1, 0, or 2 for null);
 * integers and timestamps (in ms): `values` (NaN for null). One page at a time, so memory stays at a
 * page per column whatever the row group's size. Pure: takes the chunk's bytes.
 *
 * Page headers are read by hyparquet (parquetHeader). The common encodings of flat columns (PLAIN,
 * RLE_DICTIONARY and PLAIN_DICTIONARY, RLE booleans; data pages V1 and V2) are decoded here straight into
 * the arrays; any other encoding (DELTA_*, BYTE_STREAM_SPLIT) goes through hyparquet's own page
 * decoders, slower but complete.
 */
import { parquetHeader } from "hyparquet/src/column.js";
import { readDataPage, readDataPageV2 } from "hyparquet/src/datapage.js";
import { readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { readPlain } from "hyparquet/src/plain.js";
import type { ColumnDecoder, CompressionCodec, DataReader, DecodedArray, PageHeader } from "hyparquet/src/types.js";
import type { ParquetColumnSpec } from "../inventory/parquet-columns.ts";
import { decompressPage } from "./parquet-decompress.ts";
import { MAX_FAST_BIT_WIDTH, readHybrid } from "./parquet-rle.ts";

/** Data the column chunk's bytes do not hold as Parquet says they should; the scan adds file and row group. */
export class ParquetPageError extends Error {
  override readonly name = "ParquetPageError";
}

/** `flags` value of a null boolean. */
export const NULL_FLAG = 2;

const EMPTY = new Uint8Array(0);

export class ColumnPages {
  spec!: ParquetColumnSpec;
  /** Rows of the current page, as row numbers within the row group: [rowStart, rowEnd). */
  rowStart = 0;
  rowEnd = 0;
  /** Strings: the slot of each row of the page; slot s spans data[starts[s], ends[s]). */
  data: Uint8Array = EMPTY;
  slots = new Int32Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  /**
   * Identifies what the slots of the current page mean: the same for every page of a chunk's dictionary,
   * new for each plain page. Readers may cache what they derive from a slot while it stays the same.
   */
  slotsVersion = 0;
  /** Booleans: 1, 0, or NULL_FLAG. */
  flags = new Uint8Array(0);
  /** Integers and timestamps in ms; NaN for null. */
  values = new Float64Array(0);

  #codec: CompressionCodec = "UNCOMPRESSED";
  #chunk: Uint8Array = EMPTY;
  #reader: DataReader = { view: new DataView(new ArrayBuffer(0)), offset: 0 };
  #decoder!: ColumnDecoder;
  /** Definition levels of the page (1 = present). */
  #levels = new Uint8Array(0);
  /** Non-null values' dictionary indices of a numeric column, before nulls are spread in. */
  #indices = new Int32Array(0);
  // Slots of a plain page's strings (one more, empty, for nulls).
  #plainStarts = new Int32Array(0);
  #plainEnds = new Int32Array(0);
  // The chunk's dictionary: strings as slots of #dictData (one more, empty, for nulls), numbers in #dictValues.
  #dictData: Uint8Array = EMPTY;
  #dictStarts = new Int32Array(0);
  #dictEnds = new Int32Array(0);
  #dictValues = new Float64Array(0);
  #dictSize = -1;
  #dictVersion = 0;

  /**
   * Starts on a column chunk: `chunk` holds its bytes, from its first page (dictionary or data) to its
   * end. A decoder is reused from chunk to chunk, keeping its arrays.
   */
  reset(spec: ParquetColumnSpec, codec: CompressionCodec, chunk: Uint8Array): this {
    this.spec = spec;
    this.#codec = codec;
    this.#chunk = chunk;
    this.#reader = { view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength), offset: 0 };
    this.#decoder = { pathInSchema: [spec.name], type: spec.type, element: spec.element, schemaPath: spec.schemaPath, codec, parsers: RAW_PARSERS };
    this.rowStart = 0;
    this.rowEnd = 0;
    this.data = EMPTY;
    this.#dictData = EMPTY;
    this.#dictSize = -1;
    return this;
  }

  /** Decodes the next data page (reading any dictionary page before it); false at the end of the chunk. */
  next(): boolean {
    const reader = this.#reader;
    while (reader.offset < this.#chunk.length) {
      let header: PageHeader;
      try {
        header = parquetHeader(reader);
      } catch (error) {
        throw new ParquetPageError(`column ${this.spec.name}: unreadable page header at byte ${reader.offset} of its chunk (${(error as Error).message})`);
      }
      const start = reader.offset;
      const end = start + header.compressed_page_size;
      if (!(header.compressed_page_size >= 0) || end > this.#chunk.length) {
        throw new ParquetPageError(`column ${this.spec.name}: a page of ${header.compressed_page_size} bytes runs past the end of its column chunk`);
      }
      reader.offset = end;
      const body = this.#chunk.subarray(start, end);
      if (header.type === "DICTIONARY_PAGE") this.#readDictionary(header, body);
      else if (header.type === "DATA_PAGE" || header.type === "DATA_PAGE_V2") return this.#readDataPage(header, body);
      // Index pages carry nothing the scan needs.
    }
    return false;
  }

  #readDictionary(header: PageHeader, body: Uint8Array): void {
    const count = header.dictionary_page_header?.num_values ?? 0;
    let page = this.#decompress(body, header.uncompressed_page_size);
    // Uncompressed, the page is a view of the row group's bytes, which the next row group's overwrite.
    if (page.buffer === this.#chunk.buffer) page = page.slice();
    if (this.spec.kind === "bytes") {
      if (this.#dictStarts.length < count + 1) {
        this.#dictStarts = new Int32Array(grow(this.#dictStarts.length, count + 1));
        this.#dictEnds = new Int32Array(this.#dictStarts.length);
      }
      this.#dictData = page;
      readByteArrays(page, 0, page.length, count, this.#dictStarts, this.#dictEnds, this.spec.name);
      this.#dictStarts[count] = 0;
      this.#dictEnds[count] = 0;
      this.#dictVersion = nextVersion();
    } else {
      const values = readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, this.spec.type, count, undefined);
      this.#dictValues = new Float64Array(count);
      for (let i = 0; i < count; i++) this.#dictValues[i] = this.#number(values[i]);
    }
    this.#dictSize = count;
  }

  #decompress(body: Uint8Array, size: number): Uint8Array {
    try {
      return decompressPage(this.#codec, body, size);
    } catch (error) {
      throw new ParquetPageError(`column ${this.spec.name}: a ${this.#codec} page does not decompress (${(error as Error).message})`);
    }
  }

  #readDataPage(header: PageHeader, body: Uint8Array): boolean {
    const v2 = header.data_page_header_v2;
    const v1 = header.data_page_header;
    const rows = v2 ? v2.num_rows : (v1?.num_values ?? 0);
    const encoding = v2 ? v2.encoding : v1!.encoding;
    this.rowStart = this.rowEnd;
    this.rowEnd = this.rowStart + rows;
    this.#ensureRows(rows);
    if (!isFastEncoding(encoding, this.spec.kind)) {
      this.#readWithHyparquet(header, body, rows);
      return true;
    }
    // The page's values and, for an optional column, its definition levels (1 = present).
    let page: Uint8Array;
    let at = 0;
    const optional = this.spec.optional;
    const levels = this.#levels.subarray(0, rows);
    if (v2) {
      const levelBytes = v2.definition_levels_byte_length + v2.repetition_levels_byte_length;
      if (optional) this.#rle(body, v2.repetition_levels_byte_length, 1, levels, v2.definition_levels_byte_length);
      const values = body.subarray(levelBytes);
      const size = header.uncompressed_page_size - levelBytes;
      page = v2.is_compressed === false || size === 0 ? values : this.#decompress(values, size);
    } else {
      page = this.#decompress(body, header.uncompressed_page_size);
      if (optional) at = this.#rle(page, 0, 1, levels, undefined);
    }
    const nonNull = optional ? countOnes(levels) : rows;
    // Null rows, if any: their definition levels.
    const present = nonNull < rows ? levels : undefined;
    if (encoding === "PLAIN") this.#plain(page, at, rows, nonNull, present);
    else if (encoding === "RLE") this.#rleBooleans(page, at, rows, nonNull, present);
    else this.#dictionaryIndices(page, at, rows, nonNull, present);
    return true;
  }

  #plain(page: Uint8Array, at: number, rows: number, nonNull: number, present: Uint8Array | undefined): void {
    const kind = this.spec.kind;
    if (kind === "bytes") {
      if (this.#plainStarts.length < nonNull + 1) {
        this.#plainStarts = new Int32Array(grow(this.#plainStarts.length, nonNull + 1));
        this.#plainEnds = new Int32Array(this.#plainStarts.length);
      }
      readByteArrays(page, at, page.length, nonNull, this.#plainStarts, this.#plainEnds, this.spec.name);
      this.#plainStarts[nonNull] = 0;
      this.#plainEnds[nonNull] = 0;
      this.data = page;
      this.starts = this.#plainStarts;
      this.ends = this.#plainEnds;
      this.slotsVersion = nextVersion();
      const slots = this.slots;
      if (present === undefined) {
        for (let i = 0; i < rows; i++) slots[i] = i;
      } else {
        let k = 0;
        for (let i = 0; i < rows; i++) slots[i] = present[i] === 1 ? k++ : nonNull;
      }
      return;
    }
    if (kind === "boolean") {
      if (at + Math.ceil(nonNull / 8) > page.length) throw new ParquetPageError(`column ${this.spec.name}: a page holds fewer values than its header says`);
      const flags = this.flags;
      let k = 0;
      for (let i = 0; i < rows; i++) {
        if (present !== undefined && present[i] !== 1) flags[i] = NULL_FLAG;
        else {
          flags[i] = (page[at + (k >> 3)]! >> (k & 7)) & 1;
          k++;
        }
      }
      return;
    }
    const values = this.values;
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const width = this.spec.type === "INT64" ? 8 : 4;
    if (at + nonNull * width > page.length) throw new ParquetPageError(`column ${this.spec.name}: a page holds fewer values than its header says`);
    const divisor = this.spec.msDivisor;
    let k = 0;
    for (let i = 0; i < rows; i++) {
      if (present !== undefined && present[i] !== 1) {
        values[i] = Number.NaN;
        continue;
      }
      const offset = at + width * k++;
      const value = width === 8 ? view.getInt32(offset + 4, true) * 4294967296 + view.getUint32(offset, true) : view.getInt32(offset, true);
      values[i] = divisor === 1 ? value : Math.floor(value / divisor);
    }
  }

  #rleBooleans(page: Uint8Array, at: number, rows: number, nonNull: number, present: Uint8Array | undefined): void {
    if (present === undefined) {
      this.#rle(page, at, 1, this.flags.subarray(0, rows), undefined);
      return;
    }
    // Decoded into the flags, then spread over the rows in place, from the last row back.
    const flags = this.flags;
    this.#rle(page, at, 1, flags.subarray(0, nonNull), undefined);
    let k = nonNull;
    for (let i = rows - 1; i >= 0; i--) flags[i] = present[i] === 1 ? flags[--k]! : NULL_FLAG;
  }

  #dictionaryIndices(page: Uint8Array, at: number, rows: number, nonNull: number, present: Uint8Array | undefined): void {
    const size = this.#dictSize;
    if (size < 0) throw new ParquetPageError(`column ${this.spec.name}: a dictionary-encoded page comes without a dictionary page`);
    const bytes = this.spec.kind === "bytes";
    // Without nulls, a string column's indices are its rows' slots.
    // A string column's indices are decoded into its slots, then spread over the rows in place.
    if (!bytes && this.#indices.length < nonNull) this.#indices = new Int32Array(grow(this.#indices.length, nonNull));
    const indices = bytes ? this.slots.subarray(0, nonNull) : this.#indices.subarray(0, nonNull);
    if (nonNull > 0) {
      const width = page[at]!;
      if (width > 32 || at >= page.length) throw new ParquetPageError(`column ${this.spec.name}: a dictionary-encoded page has a bit width of ${width}`);
      if (width === 0) indices.fill(0);
      else this.#rle(page, at + 1, width, indices, page.length - at - 1);
    }
    for (let k = 0; k < nonNull; k++) if (indices[k]! >>> 0 >= size) this.#badIndex(indices[k]!);
    if (bytes) {
      this.data = this.#dictData;
      this.starts = this.#dictStarts;
      this.ends = this.#dictEnds;
      this.slotsVersion = this.#dictVersion;
      if (present !== undefined) {
        // From the last row back, so that each index is read before its place is written.
        const slots = this.slots;
        let k = nonNull;
        for (let i = rows - 1; i >= 0; i--) slots[i] = present[i] === 1 ? slots[--k]! : size;
      }
      return;
    }
    const dict = this.#dictValues;
    let k = 0;
    if (this.spec.kind === "boolean") {
      for (let i = 0; i < rows; i++) this.flags[i] = present !== undefined && present[i] !== 1 ? NULL_FLAG : dict[indices[k++]!]!;
    } else {
      for (let i = 0; i < rows; i++) this.values[i] = present !== undefined && present[i] !== 1 ? Number.NaN : dict[indices[k++]!]!;
    }
  }

  #badIndex(index: number): never {
    throw new ParquetPageError(`column ${this.spec.name}: dictionary index ${index} is past the dictionary's ${this.#dictSize} values`);
  }

  /** Any encoding the fast path lacks, through hyparquet's page decoders; its values copied into the arrays. */
  #readWithHyparquet(header: PageHeader, body: Uint8Array, rows: number): void {
    let result: { definitionLevels?: number[] | undefined; dataPage: DecodedArray };
    try {
      if (header.data_page_header_v2) {
        result = readDataPageV2(body, header, { ...this.#decoder, compressors: { [this.#codec]: (input: Uint8Array, size: number) => decompressPage(this.#codec, input, size) } });
      } else {
        const page = this.#decompress(body, header.uncompressed_page_size);
        result = readDataPage(page, header.data_page_header!, this.#decoder);
      }
    } catch (error) {
      throw new ParquetPageError(`column ${this.spec.name}: a page cannot be decoded (${(error as Error).message})`);
    }
    const levels = result.definitionLevels;
    const present = (i: number) => levels === undefined || levels.length === 0 || levels[i] === 1;
    const values = result.dataPage;
    const kind = this.spec.kind;
    if (kind === "bytes") {
      const parts = values as unknown as (Uint8Array | undefined)[];
      if (this.#plainStarts.length < parts.length + 1) {
        this.#plainStarts = new Int32Array(grow(this.#plainStarts.length, parts.length + 1));
        this.#plainEnds = new Int32Array(this.#plainStarts.length);
      }
      let total = 0;
      for (let k = 0; k < parts.length; k++) total += parts[k]?.length ?? 0;
      const data = new Uint8Array(total);
      let at = 0;
      for (let k = 0; k < parts.length; k++) {
        const part = parts[k];
        this.#plainStarts[k] = at;
        if (part !== undefined) {
          data.set(part, at);
          at += part.length;
        }
        this.#plainEnds[k] = at;
      }
      this.#plainStarts[parts.length] = 0;
      this.#plainEnds[parts.length] = 0;
      this.data = data;
      this.starts = this.#plainStarts;
      this.ends = this.#plainEnds;
      this.slotsVersion = nextVersion();
      let k = 0;
      for (let i = 0; i < rows; i++) this.slots[i] = present(i) ? k++ : parts.length;
      return;
    }
    let k = 0;
    for (let i = 0; i < rows; i++) {
      if (kind === "boolean") this.flags[i] = present(i) ? this.#number(values[k++]) : NULL_FLAG;
      else this.values[i] = present(i) ? this.#number(values[k++]) : Number.NaN;
    }
  }

  #number(value: unknown): number {
    if (typeof value === "boolean") return value ? 1 : 0;
    const number = Number(value);
    return this.spec.msDivisor === 1 ? number : Math.floor(number / this.spec.msDivisor);
  }

  /**
   * Run-length/bit-packed values from `bytes` at `at` into `out`; returns the offset after them. Without
   * `length`, the values are prefixed with their 4-byte length (definition levels and RLE booleans of V1
   * pages).
   */
  #rle(bytes: Uint8Array, at: number, width: number, out: Uint8Array | Int32Array, length: number | undefined): number {
    try {
      if (length === undefined) {
        if (at + 4 > bytes.length) throw new RangeError("the levels' length runs past the end of the page");
        length = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
        at += 4;
      }
      const end = Math.min(bytes.length, at + length);
      if (width <= MAX_FAST_BIT_WIDTH) {
        readHybrid(bytes, at, end, width, out, out.length);
        return at + length;
      }
      const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: at };
      readRleBitPackedHybrid(reader, width, out as unknown as DecodedArray, length);
      return reader.offset;
    } catch (error) {
      throw new ParquetPageError(`column ${this.spec.name}: unreadable levels or indices (${(error as Error).message})`);
    }
  }

  /** Room for a page of `rows` rows in the arrays this column's kind uses (grown, never shrunk). */
  #ensureRows(rows: number): void {
    if (this.spec.optional && this.#levels.length < rows) this.#levels = new Uint8Array(grow(this.#levels.length, rows));
    const kind = this.spec.kind;
    if (kind === "bytes") {
      if (this.slots.length < rows) this.slots = new Int32Array(grow(this.slots.length, rows));
    } else if (kind === "boolean") {
      if (this.flags.length < rows) this.flags = new Uint8Array(grow(this.flags.length, rows));
    } else if (this.values.length < rows) {
      this.values = new Float64Array(grow(this.values.length, rows));
    }
  }
}

/** hyparquet returns raw bytes and numbers with these (no string or Date per value). */
const RAW_PARSERS = {
  timestampFromMilliseconds: (millis: bigint) => millis,
  timestampFromMicroseconds: (micros: bigint) => micros,
  timestampFromNanoseconds: (nanos: bigint) => nanos,
  dateFromDays: (days: number) => days,
  stringFromBytes: (bytes: Uint8Array | undefined) => bytes,
} as unknown as ColumnDecoder["parsers"];

function isFastEncoding(encoding: string, kind: ParquetColumnSpec["kind"]): boolean {
  if (encoding === "PLAIN" || encoding === "RLE_DICTIONARY" || encoding === "PLAIN_DICTIONARY") return true;
  return encoding === "RLE" && kind === "boolean";
}

/** PLAIN byte arrays: `count` values of a 4-byte little-endian length and the bytes, from `at`. */
function readByteArrays(bytes: Uint8Array, at: number, end: number, count: number, starts: Int32Array, ends: Int32Array, column: string): void {
  for (let i = 0; i < count; i++) {
    if (at + 4 > end) throw new ParquetPageError(`column ${column}: a page holds fewer values than its header says`);
    const length = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
    at += 4;
    if (at + length > end) throw new ParquetPageError(`column ${column}: a value of ${length} bytes runs past the end of its page`);
    starts[i] = at;
    at += length;
    ends[i] = at;
  }
}

let versions = 0;

function nextVersion(): number {
  return ++versions;
}

function grow(length: number, needed: number): number {
  return Math.max(needed, 2 * length);
}

function countOnes(levels: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < levels.length; i++) count += levels[i]!;
  return count;
}
