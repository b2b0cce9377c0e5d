/**
 * Small readers over a field's bytes (buf[start, end)), so the scanner can route a row without turning
 * its fields into strings.
 */

/** The word's bytes, upper-cased, for `equalsIgnoreCase`. */
export function asciiUpper(word: string): Uint8Array {
  return Uint8Array.from(Buffer.from(word.toUpperCase(), "latin1"));
}

/** Compares an ASCII field to an upper-case word, ignoring the field's letter case. */
export function equalsIgnoreCase(buf: Uint8Array, start: number, end: number, upperWord: Uint8Array): boolean {
  const length = upperWord.length;
  if (end - start !== length) return false;
  for (let i = 0; i < length; i++) {
    let byte = buf[start + i]!;
    if (byte >= 97 && byte <= 122) byte -= 32;
    if (byte !== upperWord[i]) return false;
  }
  return true;
}

/** A set of upper-case words indexed by length, to classify a field with one or two comparisons. */
export class WordTable {
  readonly words: readonly string[];
  readonly #byLength: { index: number; bytes: Uint8Array }[][] = [];

  constructor(words: readonly string[]) {
    this.words = words;
    words.forEach((word, index) => {
      const bytes = asciiUpper(word);
      (this.#byLength[bytes.length] ??= []).push({ index, bytes });
    });
  }

  /** Index (in `words`) of the word the field equals, ignoring the field's letter case; -1 if none. */
  match(buf: Uint8Array, start: number, end: number): number {
    const candidates = this.#byLength[end - start];
    if (candidates === undefined) return -1;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i]!;
      if (equalsIgnoreCase(buf, start, end, candidate.bytes)) return candidate.index;
    }
    return -1;
  }
}

/** "true" in any letter case. */
export function isTrue(buf: Uint8Array, start: number, end: number): boolean {
  return (
    end - start === 4 &&
    (buf[start]! | 0x20) === 0x74 &&
    (buf[start + 1]! | 0x20) === 0x72 &&
    (buf[start + 2]! | 0x20) === 0x75 &&
    (buf[start + 3]! | 0x20) === 0x65
  );
}

/** A non-negative decimal integer; NaN when the field is empty or holds anything but digits. */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  if (start === end) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = buf[i]! - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}
