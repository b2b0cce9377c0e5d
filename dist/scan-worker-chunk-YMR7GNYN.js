import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  InventoryDataError
} from "./scan-worker-chunk-4O6M5R6G.js";

// action/io/scan/minor-gc.ts
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
var YOUNG_GC_EVERY_BYTES = 8 * 1024 * 1024;
var gc;
function getGc() {
  if (gc === void 0) {
    try {
      setFlagsFromString("--expose-gc");
      const found = runInNewContext("typeof gc === 'function' ? gc : null");
      gc = found;
    } catch {
      gc = null;
    }
  }
  return gc;
}
function collectYoungGarbage() {
  getGc()?.({ type: "minor" });
}
var FULL_GC_ABOVE_ARRAY_BUFFER_BYTES = 16 * 1024 * 1024;
function collectOldGarbageIfLarge() {
  if (process.memoryUsage().arrayBuffers > FULL_GC_ABOVE_ARRAY_BUFFER_BYTES) getGc()?.({ type: "major" });
}

// action/core/scan/byte-sink.ts
var ByteSink = class {
  buf;
  pos = 0;
  #flush;
  /**
   * `buffer`: a size to allocate, or the buffer to fill (e.g. a region of the scan kernel's memory).
   * `flush` must consume the chunk before returning: the buffer is reused.
   */
  constructor(buffer, flush) {
    this.buf = typeof buffer === "number" ? Buffer.allocUnsafe(buffer) : buffer;
    this.#flush = flush;
  }
  /** Makes room for `bytes` more bytes at `pos`, flushing (or growing, for one huge row) first. */
  ensure(bytes) {
    if (this.pos + bytes <= this.buf.length) return;
    this.flush();
    if (bytes > this.buf.length) this.buf = Buffer.allocUnsafe(bytes);
  }
  flush() {
    if (this.pos === 0) return;
    this.#flush(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
};

// action/core/inventory/inventory-columns.ts
var ROUTING_COLUMNS = [
  "Bucket",
  "Key",
  "VersionId",
  "IsLatest",
  "IsDeleteMarker",
  "Size",
  "StorageClass",
  "EncryptionStatus",
  "BucketKeyStatus",
  "IntelligentTieringAccessTier",
  "ObjectLockMode",
  "ObjectLockRetainUntilDate",
  "ObjectLockLegalHoldStatus",
  "ObjectAccessControlList"
];
function indexColumns(fileSchema) {
  const lower = fileSchema.map((column) => column.trim().toLowerCase());
  const index = {};
  for (const column of ROUTING_COLUMNS) index[column] = lower.indexOf(column.toLowerCase());
  return index;
}

// action/core/plan/file-tally.ts
function emptyTally() {
  return { rows: 0, skipped: {}, jobs: {}, updateSseS3: 0, updateSseKms: 0, updateUnknownEncryption: 0 };
}

// action/core/plan/route-row.ts
var MAX_COPY_OBJECT_BYTES = 5 * 1024 ** 3;
var COPY_STORAGE_CLASSES = /* @__PURE__ */ new Set(["STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR"]);
var ARCHIVED_STORAGE_CLASSES = /* @__PURE__ */ new Set(["GLACIER", "DEEP_ARCHIVE"]);
function routeRow(facts, context) {
  if (facts.isDeleteMarker) return "delete-marker";
  if (facts.bucketKeyEnabled) return "already-bucket-key";
  const encryption = facts.encryption;
  if (encryption === "SSE-C") return "sse-c";
  if (encryption === "DSSE-KMS") return "dsse-kms";
  const copy = context.operation === "copy" || context.operation === "auto" && encryption === "NOT-SSE";
  if (!copy) {
    const retained = facts.lockMode && !(facts.retainUntilMs <= context.inventoryTimeMs);
    return facts.legalHold || retained ? "object-lock" : "update";
  }
  if (!facts.isLatest) return encryption === "NOT-SSE" ? "noncurrent-unencrypted" : "noncurrent-version";
  const storageClass = facts.storageClass();
  if (facts.archiveTier || storageClass !== void 0 && ARCHIVED_STORAGE_CLASSES.has(storageClass)) return "archived";
  if (storageClass !== void 0 && !COPY_STORAGE_CLASSES.has(storageClass)) return "unsupported-storage-class";
  const size = facts.size();
  if (size !== void 0 && size > MAX_COPY_OBJECT_BYTES) return "too-large-for-copy";
  if (facts.extraAclGrants?.()) return "acl-grants";
  return "copy";
}

// action/core/scan/manifest-key.ts
import { isUtf8 } from "node:buffer";
var SAFE = new Uint8Array(256);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/") SAFE[char.charCodeAt(0)] = 1;
var HEX_UPPER = Buffer.from("0123456789ABCDEF");
var MalformedKeyError = class extends Error {
  name = "MalformedKeyError";
};
function maxManifestKeyBytes(length) {
  return length * 3;
}
function writeManifestKey(src, start, end, out, at) {
  let i = start;
  let to = at;
  while (i < end) {
    const byte = src[i];
    if (SAFE[byte] === 0) break;
    out[to++] = byte;
    i++;
  }
  if (i === end) return to;
  const decoded = decodeFormEncoded(src, start, end);
  for (let d = 0; d < decoded.length; d++) {
    const byte = decoded[d];
    if (SAFE[byte] === 1) {
      out[at++] = byte;
    } else {
      out[at++] = 37;
      out[at++] = HEX_UPPER[byte >> 4];
      out[at++] = HEX_UPPER[byte & 15];
    }
  }
  return at;
}
var scratch = Buffer.allocUnsafe(2048);
function decodeFormEncoded(src, start, end) {
  if (scratch.length < end - start) scratch = Buffer.allocUnsafe(end - start);
  const out = scratch;
  let at = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    let byte = src[i];
    if (byte === 43) {
      byte = 32;
    } else if (byte === 37) {
      const high = i + 2 < end ? hexValue(src[i + 1]) : -1;
      const low = i + 2 < end ? hexValue(src[i + 2]) : -1;
      if (high < 0 || low < 0) {
        const escape = Buffer.from(src.subarray(i, Math.min(i + 3, end))).toString("latin1");
        throw new MalformedKeyError(`"${escape}" at byte ${i - start + 1} is not a %XX escape`);
      }
      byte = high << 4 | low;
      i += 2;
    }
    out[at++] = byte;
    bits |= byte;
  }
  const decoded = out.subarray(0, at);
  if (bits > 127 && !isUtf8(decoded)) throw new MalformedKeyError("its %XX escapes do not decode to UTF-8 text");
  return decoded;
}
function hexValue(byte) {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 65 && byte <= 70) return byte - 55;
  if (byte >= 97 && byte <= 102) return byte - 87;
  return -1;
}
function writeEncodedKey(src, start, end, out, at) {
  let bits = 0;
  for (let i = start; i < end; i++) {
    const byte = src[i];
    if (SAFE[byte] === 1) {
      out[at++] = byte;
    } else {
      out[at++] = 37;
      out[at++] = HEX_UPPER[byte >> 4];
      out[at++] = HEX_UPPER[byte & 15];
      bits |= byte;
    }
  }
  if (bits > 127 && !isUtf8(src.subarray(start, end))) throw new MalformedKeyError("its bytes are not UTF-8 text");
  return at;
}

// action/core/scan/manifest-line-writer.ts
var RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";
var PLAIN_KEY_BYTE = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/");
var VERSION_ID_BYTE = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()");
var ManifestLineWriter = class {
  #file;
  /** "<bucket>," : the start of every manifest line. */
  #linePrefix;
  #keyAt;
  #kernel;
  /** `file`: the data file's display name, for messages; `keyColumn`: the Key's field index. */
  constructor(file, linePrefix, keyColumn, kernel) {
    this.#file = file;
    this.#linePrefix = linePrefix;
    this.#keyAt = 2 * keyColumn;
    this.#kernel = kernel;
  }
  /** Appends the row's manifest line to the job's sink (which must have been given the write position). */
  write(job, buf, bounds, line) {
    const keyStart = bounds[this.#keyAt];
    const keyEnd = bounds[this.#keyAt + 1];
    const versionAt = job.versionAt;
    const versionStart = versionAt < 0 ? 0 : bounds[versionAt];
    const versionEnd = versionAt < 0 ? 0 : bounds[versionAt + 1];
    const prefix = this.#linePrefix;
    const sink = job.sink;
    sink.ensure(prefix.length + 3 * (keyEnd - keyStart) + versionEnd - versionStart + 22);
    const out = sink.buf;
    const kernel = this.#kernel;
    if (out === job.kernelOut && buf === kernel.bytes) {
      const base = out.byteOffset;
      const end = kernel.writeLine(keyStart, keyEnd, versionAt < 0 ? -1 : versionStart, versionEnd, base + sink.pos);
      if (end >= 0) {
        sink.pos = end - base;
        return;
      }
    }
    let at = sink.pos;
    for (let i2 = 0; i2 < prefix.length; i2++) out[at++] = prefix[i2];
    let i = keyStart;
    for (; i < keyEnd; i++) {
      const byte = buf[i];
      if (PLAIN_KEY_BYTE[byte] === 0) break;
      out[at++] = byte;
    }
    if (i < keyEnd || keyStart === keyEnd) at = this.#writeEncodedKey(buf, keyStart, keyEnd, out, sink.pos + prefix.length, line);
    if (versionAt >= 0) {
      out[at++] = 44;
      if (versionStart === versionEnd) {
        out[at++] = 110;
        out[at++] = 117;
        out[at++] = 108;
        out[at++] = 108;
      } else {
        for (let v = versionStart; v < versionEnd; v++) {
          const byte = buf[v];
          if (VERSION_ID_BYTE[byte] === 0) this.#badVersionId(buf, versionStart, versionEnd, line);
          out[at++] = byte;
        }
      }
    }
    out[at++] = 10;
    sink.pos = at;
  }
  #writeEncodedKey(buf, keyStart, keyEnd, out, at, line) {
    const file = this.#file;
    if (keyStart === keyEnd) throw new InventoryDataError(file, line, `${file}:${line}: row has an empty Key. ${RESYNC}`);
    try {
      return writeManifestKey(buf, keyStart, keyEnd, out, at);
    } catch (error) {
      if (!(error instanceof MalformedKeyError)) throw error;
      const raw = buf.toString("utf8", keyStart, keyEnd);
      throw new InventoryDataError(file, line, `${file}:${line}: Key "${raw}" cannot be decoded: ${error.message}. ${RESYNC}`);
    }
  }
  #badVersionId(buf, start, end, line) {
    const file = this.#file;
    const raw = buf.toString("utf8", start, end);
    throw new InventoryDataError(file, line, `${file}:${line}: VersionId "${raw}" has characters S3 version ids never contain. ${RESYNC}`);
  }
};
function byteSet(chars) {
  const set = new Uint8Array(256);
  for (const char of chars) set[char.charCodeAt(0)] = 1;
  return set;
}

// action/io/scan/stream-settings.ts
var LOCAL_READ_CHUNK_BYTES = 1024 * 1024;
var INFLATE_CHUNK_BYTES = 1024 * 1024;

// action/core/scan/acl-grants.ts
function hasExtraAclGrants(base64) {
  if (base64 === "") return true;
  let document;
  try {
    document = JSON.parse(Buffer.from(base64, "base64").toString("utf8"));
  } catch {
    return true;
  }
  if (typeof document.status === "string" && document.status.toUpperCase() !== "AVAILABLE") return true;
  if (!Array.isArray(document.grants)) return true;
  const grants = document.grants;
  const ownerGrants = grants.filter((grant) => grant.type === "CanonicalUser" && grant.permission === "FULL_CONTROL");
  return ownerGrants.length !== 1 || grants.length !== 1;
}

// action/core/scan/byte-fields.ts
function asciiUpper(word) {
  return Uint8Array.from(Buffer.from(word.toUpperCase(), "latin1"));
}
function equalsIgnoreCase(buf, start, end, upperWord) {
  const length = upperWord.length;
  if (end - start !== length) return false;
  for (let i = 0; i < length; i++) {
    let byte = buf[start + i];
    if (byte >= 97 && byte <= 122) byte -= 32;
    if (byte !== upperWord[i]) return false;
  }
  return true;
}
var WordTable = class {
  words;
  #byLength = [];
  constructor(words) {
    this.words = words;
    words.forEach((word, index) => {
      const bytes = asciiUpper(word);
      (this.#byLength[bytes.length] ??= []).push({ index, bytes });
    });
  }
  /** Index (in `words`) of the word the field equals, ignoring the field's letter case; -1 if none. */
  match(buf, start, end) {
    const candidates = this.#byLength[end - start];
    if (candidates === void 0) return -1;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      if (equalsIgnoreCase(buf, start, end, candidate.bytes)) return candidate.index;
    }
    return -1;
  }
};
function isTrue(buf, start, end) {
  return end - start === 4 && (buf[start] | 32) === 116 && (buf[start + 1] | 32) === 114 && (buf[start + 2] | 32) === 117 && (buf[start + 3] | 32) === 101;
}
function parseDecimal(buf, start, end) {
  if (start === end) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = buf[i] - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

export {
  YOUNG_GC_EVERY_BYTES,
  collectYoungGarbage,
  collectOldGarbageIfLarge,
  ByteSink,
  ROUTING_COLUMNS,
  indexColumns,
  emptyTally,
  hasExtraAclGrants,
  asciiUpper,
  equalsIgnoreCase,
  WordTable,
  isTrue,
  parseDecimal,
  MAX_COPY_OBJECT_BYTES,
  routeRow,
  MalformedKeyError,
  maxManifestKeyBytes,
  writeEncodedKey,
  RESYNC,
  ManifestLineWriter,
  LOCAL_READ_CHUNK_BYTES,
  INFLATE_CHUNK_BYTES
};
