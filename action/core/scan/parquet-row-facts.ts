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
    pages = this.#bucketKey;
    let s = pages.slots[row - pages.rowStart]!;
    this.bucketKeyEnabled = equalsIgnoreCase(pages.data, pages.starts[s]!, pages.ends[s]!, ENABLED);
    pages = this.#encryption;
    if (pages !== undefined) {
      s = pages.slots[row - pages.rowStart]!;
      const found = ENCRYPTIONS.match(pages.data, pages.starts[s]!, pages.ends[s]!);
      this.encryption = found < 0 ? "" : (ENCRYPTIONS.words[found] as EncryptionStatus);
    }
    pages = this.#tier;
    if (pages === undefined) this.archiveTier = false;
    else {
      s = pages.slots[row - pages.rowStart]!;
      this.archiveTier = pages.starts[s] !== pages.ends[s] && ARCHIVE_TIERS.match(pages.data, pages.starts[s]!, pages.ends[s]!) >= 0;
    }
    pages = this.#legalHold;
    if (pages === undefined) this.legalHold = false;
    else {
      s = pages.slots[row - pages.rowStart]!;
      this.legalHold = equalsIgnoreCase(pages.data, pages.starts[s]!, pages.ends[s]!, ON);
    }
    pages = this.#lockMode;
    if (pages === undefined) this.lockMode = false;
    else {
      s = pages.slots[row - pages.rowStart]!;
      this.lockMode = pages.starts[s] !== pages.ends[s] && LOCK_MODES.match(pages.data, pages.starts[s]!, pages.ends[s]!) >= 0;
    }
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
