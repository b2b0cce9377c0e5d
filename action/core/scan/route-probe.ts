/**
 * A RowFacts that passes another's facts to the router and records whether routing read a per-row
 * value: the ACL, or ObjectLockRetainUntilDate when the row's signature does not keep its comparison
 * with the inventory time. A route that read neither follows from the row's signature alone (its
 * SIGNATURE_COLUMNS, whether its Size is above MAX_COPY_OBJECT_BYTES and, when the kernel compares
 * retention dates, whether its date is at or before the inventory time: the only ways routing reads
 * Size and the date), so it holds for every row with the same signature.
 */
import type { EncryptionStatus, RowFacts } from "../plan/route-row.ts";

export class RouteProbe implements RowFacts {
  /** Whether routing the watched facts read a per-row value. */
  readRowValue = false;
  readonly #signatureKeepsRetainDate: boolean;
  #facts: RowFacts | undefined;

  /** `signatureKeepsRetainDate`: the row signature holds whether the retention date is at or before the inventory time (KernelRoutes.signatureKeepsRetainDate). */
  constructor(signatureKeepsRetainDate = false) {
    this.#signatureKeepsRetainDate = signatureKeepsRetainDate;
  }

  /** Watches `facts` from now on; returns the probe, to route in their place. */
  watch(facts: RowFacts): RouteProbe {
    this.#facts = facts;
    this.readRowValue = false;
    return this;
  }

  get isDeleteMarker(): boolean {
    return this.#watched().isDeleteMarker;
  }

  get isLatest(): boolean {
    return this.#watched().isLatest;
  }

  get encryption(): EncryptionStatus | "" | undefined {
    return this.#watched().encryption;
  }

  get bucketKeyEnabled(): boolean {
    return this.#watched().bucketKeyEnabled;
  }

  get archiveTier(): boolean {
    return this.#watched().archiveTier;
  }

  get legalHold(): boolean {
    return this.#watched().legalHold;
  }

  get lockMode(): boolean {
    return this.#watched().lockMode;
  }

  storageClass(): string | undefined {
    return this.#watched().storageClass();
  }

  get retainUntilMs(): number {
    if (!this.#signatureKeepsRetainDate) this.readRowValue = true;
    return this.#watched().retainUntilMs;
  }

  size(): number | undefined {
    return this.#watched().size();
  }

  get extraAclGrants(): (() => boolean) | undefined {
    const facts = this.#watched();
    const grants = facts.extraAclGrants;
    if (grants === undefined) return undefined;
    return () => {
      this.readRowValue = true;
      return grants.call(facts);
    };
  }

  #watched(): RowFacts {
    if (this.#facts === undefined) throw new Error("RouteProbe: watch(facts) first");
    return this.#facts;
  }
}
