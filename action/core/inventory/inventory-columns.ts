/**
 * Where the columns the router reads sit in a data file's rows. Columns come from `fileSchema`, in any
 * order; names compare case-insensitively.
 */

/** Columns the plan engine reads; any other column is carried past without decoding. */
export const ROUTING_COLUMNS = [
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
  "ObjectAccessControlList",
] as const;

export type RoutingColumn = (typeof ROUTING_COLUMNS)[number];

/** Field index of each routing column in a row, or -1 when the inventory lacks it. */
export type ColumnIndex = Readonly<Record<RoutingColumn, number>>;

export function indexColumns(fileSchema: readonly string[]): ColumnIndex {
  const lower = fileSchema.map((column) => column.trim().toLowerCase());
  const index = {} as Record<RoutingColumn, number>;
  for (const column of ROUTING_COLUMNS) index[column] = lower.indexOf(column.toLowerCase());
  return index;
}
