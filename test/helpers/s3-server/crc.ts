/**
 * The two CRCs S3 accepts that node:zlib does not compute: CRC32C (Castagnoli, reflected polynomial
 * 0x82F63B78) and CRC64NVME (reflected polynomial 0x9A6C9329AC4BC9B5, the 64-bit CRC of NVMe), both
 * with all-ones init and final xor. Table-driven; CRC64 keeps its 64 bits as two 32-bit halves so no
 * BigInt runs per byte. Check values ("123456789"): CRC32C e3069283, CRC64NVME ae8b14860a799888.
 */

const CRC32C_TABLE = new Uint32Array(256);
const CRC64_LO = new Uint32Array(256);
const CRC64_HI = new Uint32Array(256);

for (let n = 0; n < 256; n += 1) {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  CRC32C_TABLE[n] = c >>> 0;
  let lo = n;
  let hi = 0;
  for (let k = 0; k < 8; k += 1) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      lo = (lo ^ 0xac4bc9b5) >>> 0;
      hi = (hi ^ 0x9a6c9329) >>> 0;
    }
  }
  CRC64_LO[n] = lo;
  CRC64_HI[n] = hi;
}

export class Crc32c {
  private crc = 0xffffffff;

  update(data: Uint8Array): void {
    let c = this.crc;
    for (let i = 0; i < data.length; i += 1) c = (CRC32C_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
    this.crc = c >>> 0;
  }

  digest(): Buffer {
    const out = Buffer.alloc(4);
    out.writeUInt32BE((this.crc ^ 0xffffffff) >>> 0);
    return out;
  }
}

export class Crc64Nvme {
  private lo = 0xffffffff;
  private hi = 0xffffffff;

  update(data: Uint8Array): void {
    let lo = this.lo;
    let hi = this.hi;
    for (let i = 0; i < data.length; i += 1) {
      const index = (lo ^ (data[i] as number)) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ (CRC64_LO[index] as number)) >>> 0;
      hi = ((hi >>> 8) ^ (CRC64_HI[index] as number)) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
  }

  digest(): Buffer {
    const out = Buffer.alloc(8);
    out.writeUInt32BE((this.hi ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.lo ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}
