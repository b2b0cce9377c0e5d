/**
 * `RowFacts` of one row of a Parquet row group, read from the routing columns' current pages
 * (parquet-column-pages.ts) with the same meaning the CSV reader (read-row-facts.ts) gives each field:
 * a null is read as the CSV report's empty field, a column the file lacks as a CSV column the report
 * lacks. The reader is itself the facts of the last row read, so routing a row allocates nothing.
 */
import { hasExtraAclGrants } from "./acl-grants.ts";
import { asciiUpper, equalsIgnoreCase, WordTable } from "./byte-fields.ts";
import type { ColumnPages } from "./parquet-column-pages.ts";
import type { RoutingColumn } from "../inventory/inventory-columns.ts";
import type { EncryptionStatus, RowFacts } from "../plan/route-row.ts";

const ENCRYPTIONS = new WordTable(["SSE-KMS", "SSE-S3", "NOT-SSE", "DSSE-KMS", "SSE-C"] satisfies EncryptionStatus[]);
const STORAGE_CLASSES = new WordTable([
  "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE",
  "REDUCED_REDUNDANCY", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE",
]);
const ARCHIVE_TIERS = new WordTable(["ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS", "ARCHIVE", "DEEP_ARCHIVE"]);
const LOCK_MODES = new WordTable(["GOVERNANCE", "COMPLIANCE"]);
const ENABLED = asciiUpper("ENABLED");
const ON = asciiUpper("ON");
const TEXT = new TextDecoder();

export type RoutingPages = Partial<Record<RoutingColumn, ColumnPages>>;

export class ParquetRowFacts implements RowFacts {
  isDeleteMarker = false;
  isLatest = true;
  encryption: EncryptionStatus | "" | undefined = undefined;
  bucketKeyEnabled = false;
  archiveTier = false;
  legalHold = false;
  lockMode = false;
  retainUntilMs = Number.NaN;
  readonly extraAclGrants: (() => boolean) | undefined;
  #row = 0;
  readonly #deleteMarker: ColumnPages | undefined;
  readonly #latest: ColumnPages | undefined;
  readonly #bucketKey: ColumnPages;
  readonly #encryption: ColumnPages | undefined;
  readonly #storageClass: ColumnPages | undefined;
  readonly #size: ColumnPages | undefined;
  readonly #tier: ColumnPages | undefined;
  readonly #legalHold: ColumnPages | undefined;
  readonly #lockMode: ColumnPages | undefined;
  readonly #retainUntil: ColumnPages | undefined;
  readonly #acl: ColumnPages | undefined;
  readonly #bucketKeyCodes = new SlotCodes((data, start, end) => (equalsIgnoreCase(data, start, end, ENABLED) ? 1 : 0));
  readonly #encryptionCodes = new SlotCodes((data, start, end) => ENCRYPTIONS.match(data, start, end));
  readonly #tierCodes = new SlotCodes((data, start, end) => (start === end ? -1 : ARCHIVE_TIERS.match(data, start, end)));
  readonly #legalHoldCodes = new SlotCodes((data, start, end) => (equalsIgnoreCase(data, start, end, ON) ? 1 : 0));
  readonly #lockModeCodes = new SlotCodes((data, start, end) => (start === end ? -1 : LOCK_MODES.match(data, start, end)));

  constructor(pages: RoutingPages) {
    this.#deleteMarker = pages.IsDeleteMarker;
    this.#latest = pages.IsLatest;
    this.#bucketKey = pages.BucketKeyStatus!;
    this.#encryption = pages.EncryptionStatus;
    this.#storageClass = pages.StorageClass;
    this.#size = pages.Size;
    this.#tier = pages.IntelligentTieringAccessTier;
    this.#legalHold = pages.ObjectLockLegalHoldStatus;
    this.#lockMode = pages.ObjectLockMode;
    this.#retainUntil = pages.ObjectLockRetainUntilDate;
    this.#acl = pages.ObjectAccessControlList;
    this.extraAclGrants = this.#acl === undefined ? undefined : ParquetRowFacts.prototype.hasExtraAclGrants;
  }

  /** Decodes row `row` of the row group (every column's current page must hold it); returns this reader. */
  read(row: number): RowFacts {
    this.#row = row;
    let pages = this.#deleteMarker;
    this.isDeleteMarker = pages !== undefined && pages.flags[row - pages.rowStart] === 1;
    pages = this.#latest;
    this.isLatest = pages === undefined || pages.flags[row - pages.rowStart] === 1;
    this.bucketKeyEnabled = this.#bucketKeyCodes.code(this.#bucketKey, row) === 1;
    pages = this.#encryption;
    if (pages !== undefined) {
      const found = this.#encryptionCodes.code(pages, row);
      this.encryption = found < 0 ? "" : (ENCRYPTIONS.words[found] as EncryptionStatus);
    }
    pages = this.#tier;
    this.archiveTier = pages !== undefined && this.#tierCodes.code(pages, row) >= 0;
    pages = this.#legalHold;
    this.legalHold = pages !== undefined && this.#legalHoldCodes.code(pages, row) === 1;
    pages = this.#lockMode;
    this.lockMode = pages !== undefined && this.#lockModeCodes.code(pages, row) >= 0;
    pages = this.#retainUntil;
    this.retainUntilMs = this.lockMode && pages !== undefined ? pages.values[row - pages.rowStart]! : Number.NaN;
    return this;
  }

  /** Upper-case StorageClass of the last row read ("" when null); undefined without the column. */
  storageClass(): string | undefined {
    const pages = this.#storageClass;
    if (pages === undefined) return undefined;
    const s = pages.slots[this.#row - pages.rowStart]!;
    const start = pages.starts[s]!;
    const end = pages.ends[s]!;
    const found = STORAGE_CLASSES.match(pages.data, start, end);
    return found >= 0 ? STORAGE_CLASSES.words[found]! : TEXT.decode(pages.data.subarray(start, end)).toUpperCase();
  }

  /** Size in bytes of the last row read (0 when null, as for an empty CSV field); undefined without the column. */
  size(): number | undefined {
    const pages = this.#size;
    if (pages === undefined) return undefined;
    const size = pages.values[this.#row - pages.rowStart]!;
    return size >= 0 ? size : 0;
  }

  /**
   * Whether the last row's ACL grants more than the owner's FULL_CONTROL. The CSV field is base64 of the
   * JSON document; AWS does not say how Parquet holds it, so plain JSON text is read as well.
   */
  hasExtraAclGrants(): boolean {
    const pages = this.#acl!;
    const s = pages.slots[this.#row - pages.rowStart]!;
    const bytes = pages.data.subarray(pages.starts[s]!, pages.ends[s]!);
    let first = 0;
    while (first < bytes.length && (bytes[first] === 32 || bytes[first] === 10 || bytes[first] === 13 || bytes[first] === 9)) first++;
    const base64 = bytes[first] === 123 ? Buffer.from(bytes).toString("base64") : TEXT.decode(bytes);
    return hasExtraAclGrants(base64);
  }
}

/**
 * What a string column's value means to the router (a WordTable index, or 1/0), cached per slot while the
 * page's slots keep their meaning: a dictionary-encoded column is classified once per dictionary entry.
 */
class SlotCodes {
  readonly #classify: (data: Uint8Array, start: number, end: number) => number;
  #version = -1;
  /** Code of each slot plus 2; 0 = not classified yet. */
  #codes = new Int32Array(0);

  constructor(classify: (data: Uint8Array, start: number, end: number) => number) {
    this.#classify = classify;
  }

  code(pages: ColumnPages, row: number): number {
    const slot = pages.slots[row - pages.rowStart]!;
    if (pages.slotsVersion !== this.#version) {
      this.#version = pages.slotsVersion;
      if (this.#codes.length < pages.starts.length) this.#codes = new Int32Array(pages.starts.length);
      else this.#codes.fill(0);
    }
    const cached = this.#codes[slot]!;
    if (cached !== 0) return cached - 2;
    const code = this.#classify(pages.data, pages.starts[slot]!, pages.ends[slot]!);
    this.#codes[slot] = code + 2;
    return code;
  }
}
