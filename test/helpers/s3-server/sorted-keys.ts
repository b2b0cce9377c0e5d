/**
 * A bucket's keys in S3's list order, UTF-8 binary order (= code point order). JavaScript compares
 * UTF-16 code units, which differs only between a surrogate (U+D800-DFFF) and U+E000-FFFF; the
 * comparison below corrects that case. Changes are folded in lazily, at the next read: a few by
 * binary search and splice, many by one sort and merge.
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

/** Below this many pending changes a read splices them in; above it, it sorts and merges them. */
const SPLICE_LIMIT = 64;

export class SortedKeys {
  private sorted: string[] = [];
  private readonly members = new Set<string>();
  /** Changes since the last read: bulk writes cost one sort at the next listing, not a splice each. */
  private added: string[] = [];
  private deleted: string[] = [];

  get size(): number {
    return this.members.size;
  }

  insert(key: string): void {
    if (this.members.has(key)) return;
    this.members.add(key);
    this.added.push(key);
  }

  delete(key: string): void {
    if (this.members.delete(key)) this.deleted.push(key);
  }

  /** Index of the first key >= `key` (or > `key` when `after`). */
  lowerBound(key: string, after = false): number {
    return search(this.settle(), key, after);
  }

  at(index: number): string | undefined {
    return this.settle()[index];
  }

  /** Keys starting at `index`, in order. */
  *from(index: number): Generator<string> {
    const keys = this.settle();
    for (let i = index; i < keys.length; i += 1) yield keys[i] as string;
  }

  /** Folds the pending deletes and inserts into the sorted array. */
  private settle(): string[] {
    const live = (key: string): boolean => this.members.has(key);
    if (this.deleted.length > SPLICE_LIMIT) this.sorted = this.sorted.filter(live);
    else {
      for (const key of this.deleted) {
        const at = search(this.sorted, key, false);
        if (this.sorted[at] === key && !live(key)) this.sorted.splice(at, 1);
      }
    }
    this.deleted = [];
    const added = this.added.filter(live);
    this.added = [];
    if (added.length <= SPLICE_LIMIT) {
      for (const key of added) {
        const at = search(this.sorted, key, false);
        if (this.sorted[at] !== key) this.sorted.splice(at, 0, key);
      }
      return this.sorted;
    }
    added.sort(compareKeys);
    const merged: string[] = [];
    let i = 0;
    let j = 0;
    while (i < this.sorted.length || j < added.length) {
      const next = j >= added.length || (i < this.sorted.length && compareKeys(this.sorted[i] as string, added[j] as string) <= 0) ? this.sorted[i++] : added[j++];
      if (merged[merged.length - 1] !== next) merged.push(next as string);
    }
    this.sorted = merged;
    return merged;
  }
}

function search(keys: string[], key: string, after: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareKeys(keys[mid] as string, key);
    if (order < 0 || (after && order === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}
