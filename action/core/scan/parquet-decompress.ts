/**
 * Decompresses a Parquet page. S3 Inventory writes Parquet with Snappy (AWS: "as an Apache Parquet file
 * compressed with Snappy"); Snappy is decoded by hyparquet's JavaScript decoder straight into the
 * caller's reusable buffer, which measured faster here than hysnappy's WebAssembly build (that one copies
 * the input into its memory and the output out of it, and allocates the output each page; see
 * docs/cli.md). Every other codec a Parquet file may use comes from hyparquet-compressors.
 */
import { snappyUncompress } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { CompressionCodec } from "hyparquet/src/types.js";

/** Decompresses `input` (a page of `size` bytes once decompressed); writes into `into` when the codec can. */
export function decompressPage(codec: CompressionCodec, input: Uint8Array, size: number, into: Uint8Array): Uint8Array {
  if (codec === "UNCOMPRESSED") {
    if (input.length !== size) throw new Error(`page is ${input.length} bytes, its header says ${size}`);
    return input;
  }
  if (codec === "SNAPPY") {
    const out = into.length === size ? into : into.subarray(0, size);
    snappyUncompress(input, out);
    return out;
  }
  const decompress = (compressors as Partial<Record<CompressionCodec, (input: Uint8Array, size: number) => Uint8Array>>)[codec];
  if (decompress === undefined) throw new Error(`the ${codec} codec is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4, LZ4_RAW)`);
  const out = decompress(input, size);
  if (out.length !== size) throw new Error(`page decompresses to ${out.length} bytes, its header says ${size}`);
  return out;
}
