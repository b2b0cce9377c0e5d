/**
 * Decodes the routing columns of one row (byte ranges of a Buffer) into `RowFacts`, reusing one object.
 * Columns only some routes need (StorageClass, Size, the ACL) are decoded on first use, so the common
 * row costs a few byte comparisons and allocates nothing.
 */
import { hasExtraAclGrants } from "./acl-grants.ts";
import { asciiUpper, equalsIgnoreCase, isTrue, matchWord, parseDecimal } from "./byte-fields.ts";
import type { ColumnIndex } from "./inventory-columns.ts";
import type { EncryptionStatus, RowFacts } from "./route-row.ts";

const ENCRYPTIONS: readonly EncryptionStatus[] = ["SSE-KMS", "SSE-S3", "NOT-SSE", "DSSE-KMS", "SSE-C"];
const ENCRYPTION_WORDS = ENCRYPTIONS.map(asciiUpper);
const KNOWN_STORAGE_CLASSES = [
  "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE",
  "REDUCED_REDUNDANCY", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE",
];
const STORAGE_CLASS_WORDS = KNOWN_STORAGE_CLASSES.map(asciiUpper);
const ARCHIVE_TIER_WORDS = ["ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS", "ARCHIVE", "DEEP_ARCHIVE"].map(asciiUpper);
const LOCK_MODE_WORDS = ["GOVERNANCE", "COMPLIANCE"].map(asciiUpper);
const ENABLED = asciiUpper("ENABLED");
const ON = asciiUpper("ON");

export class RowFactsReader {
  readonly #columns: ColumnIndex;
  readonly #facts: RowFacts;
  #buf: Buffer = Buffer.alloc(0);
  #bounds: Int32Array = new Int32Array(0);

  constructor(columns: ColumnIndex) {
    this.#columns = columns;
    const aclColumn = columns.ObjectAccessControlList;
    const reader = this;
    this.#facts = {
      isDeleteMarker: false,
      isLatest: true,
      encryption: undefined,
      bucketKeyEnabled: false,
      get storageClass() {
        return reader.#storageClass();
      },
      get size() {
        return reader.#size();
      },
      archiveTier: false,
      legalHold: false,
      lockMode: false,
      retainUntilMs: Number.NaN,
      extraAclGrants: aclColumn < 0 ? undefined : () => hasExtraAclGrants(this.#text(aclColumn)),
    };
  }

  /** Decodes the row whose field i spans bounds[2i]..bounds[2i+1] of buf. The result is reused. */
  read(buf: Buffer, bounds: Int32Array): RowFacts {
    this.#buf = buf;
    this.#bounds = bounds;
    const c = this.#columns;
    const f = this.#facts;
    f.isDeleteMarker = c.IsDeleteMarker >= 0 && isTrue(buf, bounds[2 * c.IsDeleteMarker]!, bounds[2 * c.IsDeleteMarker + 1]!);
    f.isLatest = c.IsLatest < 0 || isTrue(buf, bounds[2 * c.IsLatest]!, bounds[2 * c.IsLatest + 1]!);
    f.bucketKeyEnabled = equalsIgnoreCase(buf, bounds[2 * c.BucketKeyStatus]!, bounds[2 * c.BucketKeyStatus + 1]!, ENABLED);
    if (c.EncryptionStatus >= 0) {
      const found = matchWord(buf, bounds[2 * c.EncryptionStatus]!, bounds[2 * c.EncryptionStatus + 1]!, ENCRYPTION_WORDS);
      f.encryption = found < 0 ? "" : ENCRYPTIONS[found]!;
    }
    f.archiveTier = c.IntelligentTieringAccessTier >= 0 && this.#matches(c.IntelligentTieringAccessTier, ARCHIVE_TIER_WORDS);
    f.legalHold = c.ObjectLockLegalHoldStatus >= 0 && equalsIgnoreCase(buf, bounds[2 * c.ObjectLockLegalHoldStatus]!, bounds[2 * c.ObjectLockLegalHoldStatus + 1]!, ON);
    f.lockMode = c.ObjectLockMode >= 0 && this.#matches(c.ObjectLockMode, LOCK_MODE_WORDS);
    f.retainUntilMs = f.lockMode && c.ObjectLockRetainUntilDate >= 0 ? Date.parse(this.#text(c.ObjectLockRetainUntilDate)) : Number.NaN;
    return f;
  }

  /** Upper-case StorageClass of the current row; undefined without the column. */
  #storageClass(): string | undefined {
    const column = this.#columns.StorageClass;
    if (column < 0) return undefined;
    const start = this.#bounds[2 * column]!;
    const end = this.#bounds[2 * column + 1]!;
    const found = matchWord(this.#buf, start, end, STORAGE_CLASS_WORDS);
    return found >= 0 ? KNOWN_STORAGE_CLASSES[found]! : this.#buf.toString("utf8", start, end).toUpperCase();
  }

  /** Size of the current row in bytes (0 when empty); undefined without the column. */
  #size(): number | undefined {
    const column = this.#columns.Size;
    if (column < 0) return undefined;
    const size = parseDecimal(this.#buf, this.#bounds[2 * column]!, this.#bounds[2 * column + 1]!);
    return Number.isNaN(size) ? 0 : size;
  }

  #matches(column: number, words: readonly Uint8Array[]): boolean {
    const bounds = this.#bounds;
    const start = bounds[2 * column]!;
    const end = bounds[2 * column + 1]!;
    return start !== end && matchWord(this.#buf, start, end, words) >= 0;
  }

  #text(column: number): string {
    return this.#buf.toString("utf8", this.#bounds[2 * column]!, this.#bounds[2 * column + 1]!);
  }
}
