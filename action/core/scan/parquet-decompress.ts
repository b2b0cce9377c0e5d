/**
 * Decompresses a Parquet page. S3 Inventory writes Parquet with Snappy (AWS: "as an Apache Parquet file
 * compressed with Snappy"). Snappy is decoded by hysnappy's WebAssembly build (through
 * hyparquet-compressors), which measured twice as fast here as hyparquet's JavaScript decoder on the
 * benchmark's pages (1.2 GB/s against 0.6 GB/s, best of 12, see docs/cli.md), even though it copies each
 * page into and out of its memory. Every other codec a Parquet file may use comes from
 * hyparquet-compressors too.
 */
import { compressors } from "hyparquet-compressors";
import type { CompressionCodec } from "hyparquet/src/types.js";

/** Decompresses `input` (a page of `size` bytes once decompressed). */
export function decompressPage(codec: CompressionCodec, input: Uint8Array, size: number): Uint8Array {
  if (codec === "UNCOMPRESSED") {
    if (input.length !== size) throw new Error(`page is ${input.length} bytes, its header says ${size}`);
    return input;
  }
  const decompress = (compressors as Partial<Record<CompressionCodec, (input: Uint8Array, size: number) => Uint8Array>>)[codec];
  if (decompress === undefined) throw new Error(`the ${codec} codec is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4, LZ4_RAW)`);
  const out = decompress(input, size);
  if (out.length !== size) throw new Error(`page decompresses to ${out.length} bytes, its header says ${size}`);
  return out;
}
