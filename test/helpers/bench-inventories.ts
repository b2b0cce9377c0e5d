/**
 * The inventories `npm run bench` measures (scripts/bench.ts), all of the same size: today's sample
 * (realisticRows), the same rows with every key form-encoded the way real buckets' keys come out of S3
 * Inventory, and the schema the Pulumi program configures with a third of the rows under Object Lock.
 * Each entry says how to write it with writeInventory; another format or inventory is one more entry.
 */
import { STANDARD_SCHEMA, type InventoryRow } from "./inventory-builder.ts";
import { realisticRows, seededRandom } from "./inventory-rows.ts";

export interface BenchInventory {
  /** Folder name under .bench/ and the name --inventories selects it by. */
  id: string;
  /** What the report prints about it. */
  title: string;
  fileSchema: readonly string[];
  /** Rows of data file `index` (1-based), `count` of them. */
  rows: (bucket: string, count: number, index: number) => Iterable<InventoryRow>;
  /** Keys are given form-encoded already (writeInventory's encodeKeys: false). */
  keysEncoded: boolean;
}

/** The columns of the inventory configuration the Pulumi program creates (infra/components/managed-bucket.ts) for a versioned bucket. */
export const PULUMI_SCHEMA = [
  ...STANDARD_SCHEMA, "IntelligentTieringAccessTier", "ObjectLockMode", "ObjectLockRetainUntilDate", "ObjectLockLegalHoldStatus",
] as const;

export const BENCH_INVENTORIES: readonly BenchInventory[] = [
  { id: "inventory", title: "sample keys (realisticRows: 1% with a space, '+' or 'é')", fileSchema: STANDARD_SCHEMA, rows: realisticRows, keysEncoded: false },
  {
    id: "escaped",
    title: "every key escaped (+, %2F, %3D, %7E, %2B, multibyte UTF-8; keys of 1 to 1,024 bytes)",
    fileSchema: STANDARD_SCHEMA,
    rows: escapedKeyRows,
    keysEncoded: true,
  },
  {
    id: "object-lock",
    title: "the Pulumi program's columns, a third of the rows under Object Lock with retention dates",
    fileSchema: PULUMI_SCHEMA,
    rows: objectLockRows,
    keysEncoded: false,
  },
];

/** Bytes S3 Inventory leaves as they are in a key ("/" too, in most reports); a space is "+", the rest %XX. */
const KEPT = new Set(Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.*_-"));
const ENCODED = Array.from({ length: 256 }, (_, byte) =>
  KEPT.has(byte) ? String.fromCharCode(byte) : byte === 32 ? "+" : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
);

/** A key form-encoded as S3 Inventory writes it; "/" as it is or as %2F. */
export function formEncode(key: string, keepSlash: boolean): string {
  let out = "";
  for (const byte of Buffer.from(key, "utf8")) out += byte === 47 && keepSlash ? "/" : ENCODED[byte]!;
  return out;
}

const TENANT_WORDS = ["logs", "exports", "uploads", "backups", "media", "reports", "raw", "curated"];
const NAMES = ["part 3-0~v.json.gz", "résumé (final) v2.pdf", "été 2024 – plage.jpg", "Q1+Q2 numbers.xlsx", "東京 タワー.png", "naïve café.txt", "a+b=c~d.csv", "data~backup 1.parquet", "über größe.mp4", "smile 😀.gif"];

/**
 * The rows of realisticRows with every key form-encoded (as the bench writes them, encodeKeys: false):
 * Hive-style "k=v" prefixes (%3D), names with spaces (+), "~" (%7E), "+" (%2B) and multibyte UTF-8
 * (%C3%A9, ...), half the keys with "/" as %2F. Key lengths (decoded, as S3 counts them) from 1 to 1,024
 * bytes: most 40 to 120, 1% of keys up to 1,024 and a few of 1 to 3 bytes.
 */
export function* escapedKeyRows(bucket: string, count: number, seed = 1): Generator<InventoryRow> {
  const random = seededRandom(seed * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let i = 0;
  for (const row of realisticRows(bucket, count, seed)) {
    const shape = random();
    let key: string;
    if (shape < 0.005) {
      key = pick(["~", "+", " ", "é", "a b", "=", "x~"]);
    } else {
      const day = `dt=2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
      key = `tenant-${i % 997}/${pick(TENANT_WORDS)}/${day}/hour=${i % 24}/${pick(NAMES).replace(".", `-${i}.`)}`;
      if (shape > 0.99) key = `${key}/${"deep folder ü~".repeat(80)}`.slice(0, 200 + Math.floor(random() * 824));
      while (Buffer.byteLength(key) > 1024) key = key.slice(0, -1);
    }
    yield { ...row, Key: formEncode(key, random() < 0.5) };
    i++;
  }
}

/**
 * The rows of realisticRows with a third under Object Lock: GOVERNANCE or COMPLIANCE retention until a
 * random time from 2024 to 2029 (about half of them before the inventory's creation time, 2026-11-01),
 * legal hold OFF; the other rows have empty lock columns.
 */
export function* objectLockRows(bucket: string, count: number, seed = 1): Generator<InventoryRow> {
  const random = seededRandom(seed * 104_729);
  const from = Date.parse("2024-01-01T00:00:00Z");
  const span = Date.parse("2030-01-01T00:00:00Z") - from;
  for (const row of realisticRows(bucket, count, seed)) {
    if (random() < 1 / 3) {
      const until = new Date(from + Math.floor(random() * span)).toISOString();
      yield { ...row, ObjectLockMode: random() < 0.7 ? "GOVERNANCE" : "COMPLIANCE", ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: "OFF" };
    } else {
      yield { ...row, ObjectLockMode: "", ObjectLockRetainUntilDate: "", ObjectLockLegalHoldStatus: row.ObjectLockLegalHoldStatus ?? "" };
    }
  }
}
