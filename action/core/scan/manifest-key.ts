/**
 * Inventory keys are form-encoded ("+" is a space, a literal "+" is %2B); Batch Operations manifests want
 * plain URL encoding. Each key is decoded ("+" to space, then %XX as UTF-8) and written as
 * encodeURIComponent(key) with %2F turned back into "/". Works on bytes: a key made only of characters
 * encodeURIComponent leaves alone is copied through unchanged. The scan kernel writes the same form
 * (wasm/manifest-key.ts) for every key that decodes; this is the reference it is tested against, and
 * the writer, with the messages, of every key it declines.
 */
import { isUtf8 } from "node:buffer";

/** Bytes encodeURIComponent leaves as they are, plus "/" (we write %2F back as "/"). */
const SAFE = new Uint8Array(256);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/") SAFE[char.charCodeAt(0)] = 1;

const HEX_UPPER = Buffer.from("0123456789ABCDEF");

/** The reason a raw key cannot be decoded, for the error message. */
export class MalformedKeyError extends Error {
  override readonly name = "MalformedKeyError";
}

/** At most this many bytes are written for a raw key of `length` bytes. */
export function maxManifestKeyBytes(length: number): number {
  return length * 3;
}

/**
 * Writes the manifest form of the raw inventory key src[start, end) into out at `at`; returns the new
 * end. `out` needs room for maxManifestKeyBytes(end - start). Throws MalformedKeyError on a bad escape
 * or bytes that are not UTF-8 once decoded.
 */
export function writeManifestKey(src: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  // Fast path: copy while checking; a byte that needs work sends the whole key to the slow path.
  let i = start;
  let to = at;
  while (i < end) {
    const byte = src[i]!;
    if (SAFE[byte] === 0) break;
    out[to++] = byte;
    i++;
  }
  if (i === end) return to;
  const decoded = decodeFormEncoded(src, start, end);
  for (let d = 0; d < decoded.length; d++) {
    const byte = decoded[d]!;
    if (SAFE[byte] === 1) {
      out[at++] = byte;
    } else {
      out[at++] = 37;
      out[at++] = HEX_UPPER[byte >> 4]!;
      out[at++] = HEX_UPPER[byte & 15]!;
    }
  }
  return at;
}

/** The manifest form of a raw inventory key, as a string (for tests and display). */
export function manifestKey(raw: string): string {
  const src = Buffer.from(raw, "utf8");
  const out = Buffer.alloc(maxManifestKeyBytes(src.length));
  return out.toString("latin1", 0, writeManifestKey(src, 0, src.length, out, 0));
}

/** The decoded key as text, for messages. Throws MalformedKeyError like writeManifestKey. */
export function decodeInventoryKey(raw: string): string {
  const src = Buffer.from(raw, "utf8");
  return decodeFormEncoded(src, 0, src.length).toString("utf8");
}

/** Keys are decoded one at a time, into this buffer (grown for a longer key). */
let scratch = Buffer.allocUnsafe(2048);

/**
 * Decodes a form-encoded key ("+" to space, %XX to its byte) and checks the result is UTF-8. Returns
 * a view of a shared buffer, valid until the next call.
 */
function decodeFormEncoded(src: Uint8Array, start: number, end: number): Buffer {
  if (scratch.length < end - start) scratch = Buffer.allocUnsafe(end - start);
  const out = scratch;
  let at = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    let byte = src[i]!;
    if (byte === 43) {
      byte = 32;
    } else if (byte === 37) {
      const high = i + 2 < end ? hexValue(src[i + 1]!) : -1;
      const low = i + 2 < end ? hexValue(src[i + 2]!) : -1;
      if (high < 0 || low < 0) {
        const escape = Buffer.from(src.subarray(i, Math.min(i + 3, end))).toString("latin1");
        throw new MalformedKeyError(`"${escape}" at byte ${i - start + 1} is not a %XX escape`);
      }
      byte = (high << 4) | low;
      i += 2;
    }
    out[at++] = byte;
    bits |= byte;
  }
  const decoded = out.subarray(0, at);
  // ASCII is UTF-8; only keys with bytes above 0x7F need the check.
  if (bits > 0x7f && !isUtf8(decoded)) throw new MalformedKeyError("its %XX escapes do not decode to UTF-8 text");
  return decoded;
}

function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 65 && byte <= 70) return byte - 55;
  if (byte >= 97 && byte <= 102) return byte - 87;
  return -1;
}

/**
 * Writes the manifest form of a plain key src[start, end) into out at `at`, for Parquet inventories, whose
 * keys are not form-encoded: encodeURIComponent(key) with "/" kept, the form writeManifestKey gives the
 * same key read from a CSV report. Returns the new end; `out` needs room for maxManifestKeyBytes(end -
 * start). Throws MalformedKeyError when the bytes are not UTF-8.
 */
export function writeEncodedKey(src: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  let bits = 0;
  for (let i = start; i < end; i++) {
    const byte = src[i]!;
    if (SAFE[byte] === 1) {
      out[at++] = byte;
    } else {
      out[at++] = 37;
      out[at++] = HEX_UPPER[byte >> 4]!;
      out[at++] = HEX_UPPER[byte & 15]!;
      bits |= byte;
    }
  }
  if (bits > 0x7f && !isUtf8(src.subarray(start, end))) throw new MalformedKeyError("its bytes are not UTF-8 text");
  return at;
}
