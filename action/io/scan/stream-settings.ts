/**
 * The scan's stream settings, shared with the benchmark's floor and reference workers so that they
 * read and inflate exactly as the scan does (this module imports nothing, so those workers load only
 * what they measure).
 */

/** Bytes per read of a local data file (also by the synchronous inflater's reads, see data-file-source.ts). */
export const LOCAL_READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Size of a zlib stream's output chunks: the benchmark's floor, and the scan when it inflates through
 * streams (BUCKET_KEYS_INFLATE=stream, a data file's later gzip members). Each chunk is one round trip
 * between the scan worker and libuv's thread pool, which runs zlib; measured on the benchmark, 1 MiB
 * chunks beat 256 and 512 KiB and 2 and 4 MiB, for the plan and for plain gunzip alike.
 */
export const INFLATE_CHUNK_BYTES = 1024 * 1024;
