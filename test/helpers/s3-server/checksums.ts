/**
 * S3's additional checksums (checking-object-integrity): the algorithms, their request/response header
 * names (x-amz-checksum-crc32, ...), a streaming hasher per algorithm, and the multipart rules — a
 * COMPOSITE checksum is the checksum of the concatenated part checksums with "-<parts>" appended; a
 * FULL_OBJECT checksum (CRC algorithms only) is the checksum of the whole object.
 */
import { createHash, type Hash } from "node:crypto";
import { crc32 } from "node:zlib";
import { Crc32c, Crc64Nvme } from "./crc.ts";
import { S3Error } from "./s3-error.ts";

export const CHECKSUM_ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];
export type ChecksumType = "FULL_OBJECT" | "COMPOSITE";

/** Algorithms the SDK knows that this server does not compute (answered 501, never ignored). */
const UNSUPPORTED = ["SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128"];

export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64; a COMPOSITE value ends in "-<number of parts>". */
  value: string;
  type: ChecksumType;
}

export interface ChecksumHasher {
  update(data: Uint8Array): void;
  /** Base64 of the digest. */
  digest(): string;
}

export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** "sha256" / "SHA256" / "x-amz-checksum-sha256" -> "SHA256"; 400 InvalidRequest or 501 otherwise. */
export function parseChecksumAlgorithm(text: string): ChecksumAlgorithm {
  const name = text.toUpperCase().replace(/^X-AMZ-CHECKSUM-/, "");
  if ((CHECKSUM_ALGORITHMS as readonly string[]).includes(name)) return name as ChecksumAlgorithm;
  if (UNSUPPORTED.includes(name)) throw S3Error.notImplemented(`checksum algorithm ${name}`);
  throw S3Error.invalidRequest(`Value for x-amz-checksum-algorithm header is invalid: ${text}`);
}

export function createChecksumHasher(algorithm: ChecksumAlgorithm): ChecksumHasher {
  switch (algorithm) {
    case "CRC32": {
      let value = 0;
      return {
        update: (data) => void (value = crc32(data, value)),
        digest: () => {
          const out = Buffer.alloc(4);
          out.writeUInt32BE(value >>> 0);
          return out.toString("base64");
        },
      };
    }
    case "CRC32C":
    case "CRC64NVME": {
      const crc = algorithm === "CRC32C" ? new Crc32c() : new Crc64Nvme();
      return { update: (data) => crc.update(data), digest: () => crc.digest().toString("base64") };
    }
    default: {
      const hash: Hash = createHash(algorithm === "SHA1" ? "sha1" : "sha256");
      return { update: (data) => void hash.update(data), digest: () => hash.digest("base64") };
    }
  }
}

export function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  const hasher = createChecksumHasher(algorithm);
  hasher.update(data);
  return hasher.digest();
}

/** The COMPOSITE checksum of a multipart upload from its parts' base64 checksums, in part order. */
export function compositeChecksum(algorithm: ChecksumAlgorithm, partChecksums: string[]): string {
  const hasher = createChecksumHasher(algorithm);
  for (const part of partChecksums) hasher.update(Buffer.from(part, "base64"));
  return `${hasher.digest()}-${partChecksums.length}`;
}

/** Whether a multipart upload may use this type: FULL_OBJECT only with the CRC algorithms. */
export function checksumTypeAllowed(algorithm: ChecksumAlgorithm, type: ChecksumType): boolean {
  if (type === "COMPOSITE") return algorithm !== "CRC64NVME";
  return algorithm === "CRC32" || algorithm === "CRC32C" || algorithm === "CRC64NVME";
}
