/**
 * The inventory's creation time in the order the scan kernel gives ObjectLockRetainUntilDate values
 * (wasm/retain-date.ts): milliseconds since 0000-01-01T00:00Z in a calendar of 31-day months. Not a
 * time, an order: for dates in the shape the kernel reads, a date is at or before the inventory time
 * exactly when its order is at or below this one, which is how the kernel keeps routing's one reading
 * of the date (retainUntilMs <= inventoryTimeMs, route-row.ts) in the row's signature.
 */

/** The order of `timeMs`; undefined when it is not a whole millisecond of the years 0000 to 9999 (the kernel then leaves dates to JavaScript). */
export function retainDateOrder(timeMs: number): number | undefined {
  if (!Number.isInteger(timeMs)) return undefined;
  const time = new Date(timeMs);
  const year = time.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  const days = (year * 12 + time.getUTCMonth()) * 31 + time.getUTCDate() - 1;
  return (((days * 24 + time.getUTCHours()) * 60 + time.getUTCMinutes()) * 60 + time.getUTCSeconds()) * 1000 + time.getUTCMilliseconds();
}
