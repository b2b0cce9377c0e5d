/**
 * A bucket's keys in S3's list order, UTF-8 binary order (= code point order). JavaScript compares
 * UTF-16 code units, which differs only between a surrogate (U+D800-DFFF) and U+E000-FFFF; the
 * comparison below corrects that case. Insert and delete are binary search plus splice.
 */

export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Index of the first key >= `key` (or > `key` when `after`). */
  lowerBound(key: string, after = false): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const order = compareKeys(this.keys[mid] as string, key);
      if (order < 0 || (after && order === 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(key: string): void {
    const index = this.lowerBound(key);
    if (this.keys[index] !== key) this.keys.splice(index, 0, key);
  }

  delete(key: string): void {
    const index = this.lowerBound(key);
    if (this.keys[index] === key) this.keys.splice(index, 1);
  }

  at(index: number): string | undefined {
    return this.keys[index];
  }

  /** Keys starting at `index`, in order. */
  *from(index: number): Generator<string> {
    for (let i = index; i < this.keys.length; i += 1) yield this.keys[i] as string;
  }
}
