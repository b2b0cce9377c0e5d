/**
 * Decodes the routing columns of one row (byte ranges of a Buffer) into `RowFacts`. The reader is
 * itself the facts of the last row read: plain data fields, and StorageClass, Size and the ACL decoded
 * only when asked for, by methods every reader shares (so the router's calls keep one target whatever
 * the data file). The common row costs a few byte comparisons and allocates nothing.
 */
import { hasExtraAclGrants } from "./acl-grants.ts";
import { asciiUpper, equalsIgnoreCase, isTrue, parseDecimal, WordTable } from "./byte-fields.ts";
import type { ColumnIndex, RoutingColumn } from "../inventory/inventory-columns.ts";
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

/**
 * The routing columns that take few values: every fact `read` decodes, and storageClass(), comes from
 * these columns alone, so rows with the same bytes in them (their signature) have the same facts, except
 * the per-row ones: size(), retainUntilMs and extraAclGrants (see RouteProbe). The kernel routes a row
 * by its signature once JavaScript routed one row of that signature (kernel-routes.ts).
 */
export const SIGNATURE_COLUMNS = [
  "IsDeleteMarker", "IsLatest", "EncryptionStatus", "BucketKeyStatus", "StorageClass", "IntelligentTieringAccessTier",
  "ObjectLockMode", "ObjectLockLegalHoldStatus",
] as const satisfies readonly RoutingColumn[];

export class RowFactsReader implements RowFacts {
  isDeleteMarker = false;
  isLatest = true;
  encryption: EncryptionStatus | "" | undefined = undefined;
  bucketKeyEnabled = false;
  archiveTier = false;
  legalHold = false;
  lockMode = false;
  retainUntilMs = Number.NaN;
  readonly extraAclGrants: (() => boolean) | undefined;
  #buf: Buffer = Buffer.alloc(0);
  #bounds: Int32Array = new Int32Array(0);
  // Offsets into `bounds` (2 * column index), or -1 when the inventory lacks the column.
  readonly #deleteMarker: number;
  readonly #latest: number;
  readonly #bucketKey: number;
  readonly #encryption: number;
  readonly #storageClass: number;
  readonly #size: number;
  readonly #tier: number;
  readonly #legalHold: number;
  readonly #lockMode: number;
  readonly #retainUntil: number;
  readonly #acl: number;

  constructor(columns: ColumnIndex) {
    const at = (column: number) => (column < 0 ? -1 : 2 * column);
    this.#deleteMarker = at(columns.IsDeleteMarker);
    this.#latest = at(columns.IsLatest);
    this.#bucketKey = at(columns.BucketKeyStatus);
    this.#encryption = at(columns.EncryptionStatus);
    this.#storageClass = at(columns.StorageClass);
    this.#size = at(columns.Size);
    this.#tier = at(columns.IntelligentTieringAccessTier);
    this.#legalHold = at(columns.ObjectLockLegalHoldStatus);
    this.#lockMode = at(columns.ObjectLockMode);
    this.#retainUntil = at(columns.ObjectLockRetainUntilDate);
    this.#acl = at(columns.ObjectAccessControlList);
    this.extraAclGrants = this.#acl < 0 ? undefined : RowFactsReader.prototype.hasExtraAclGrants;
  }

  /** Decodes the row whose field i spans bounds[2i]..bounds[2i+1] of buf; returns this reader. */
  read(buf: Buffer, bounds: Int32Array): RowFacts {
    this.#buf = buf;
    this.#bounds = bounds;
    let at = this.#deleteMarker;
    this.isDeleteMarker = at >= 0 && isTrue(buf, bounds[at]!, bounds[at + 1]!);
    at = this.#latest;
    this.isLatest = at < 0 || isTrue(buf, bounds[at]!, bounds[at + 1]!);
    at = this.#bucketKey;
    this.bucketKeyEnabled = equalsIgnoreCase(buf, bounds[at]!, bounds[at + 1]!, ENABLED);
    at = this.#encryption;
    if (at >= 0) {
      const found = ENCRYPTIONS.match(buf, bounds[at]!, bounds[at + 1]!);
      this.encryption = found < 0 ? "" : (ENCRYPTIONS.words[found] as EncryptionStatus);
    }
    at = this.#tier;
    this.archiveTier = at >= 0 && bounds[at] !== bounds[at + 1] && ARCHIVE_TIERS.match(buf, bounds[at]!, bounds[at + 1]!) >= 0;
    at = this.#legalHold;
    this.legalHold = at >= 0 && equalsIgnoreCase(buf, bounds[at]!, bounds[at + 1]!, ON);
    at = this.#lockMode;
    this.lockMode = at >= 0 && bounds[at] !== bounds[at + 1] && LOCK_MODES.match(buf, bounds[at]!, bounds[at + 1]!) >= 0;
    this.retainUntilMs = this.lockMode && this.#retainUntil >= 0 ? Date.parse(this.#text(this.#retainUntil)) : Number.NaN;
    return this;
  }

  /** Upper-case StorageClass of the last row read; undefined without the column. */
  storageClass(): string | undefined {
    const at = this.#storageClass;
    if (at < 0) return undefined;
    const start = this.#bounds[at]!;
    const end = this.#bounds[at + 1]!;
    const found = STORAGE_CLASSES.match(this.#buf, start, end);
    return found >= 0 ? STORAGE_CLASSES.words[found]! : this.#buf.toString("utf8", start, end).toUpperCase();
  }

  /** Size in bytes of the last row read (0 when empty); undefined without the column. */
  size(): number | undefined {
    const at = this.#size;
    if (at < 0) return undefined;
    const size = parseDecimal(this.#buf, this.#bounds[at]!, this.#bounds[at + 1]!);
    return size === size ? size : 0;
  }

  /** Whether the last row's ACL grants more than the owner's FULL_CONTROL (the ACL column must exist). */
  hasExtraAclGrants(): boolean {
    return hasExtraAclGrants(this.#text(this.#acl));
  }

  #text(at: number): string {
    return this.#buf.toString("utf8", this.#bounds[at]!, this.#bounds[at + 1]!);
  }
}
