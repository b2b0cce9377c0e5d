/**
 * Builds each job's manifest from the scan workers' part files, in the inventory's order (file order,
 * then row order), hashing each manifest as it is written. The parts of the file whose turn it is are
 * appended as they grow, while that file is still being scanned; a later file's parts wait on disk
 * until every file before it is done. So assembly overlaps the scan, and memory stays flat.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

interface Output {
  fd: number;
  hash: Hash;
  bytes: number;
}

const READ_CHUNK_BYTES = 1024 * 1024;

export class ManifestAssembler {
  readonly #dir: string;
  readonly #outputs = new Map<string, Output>();
  /** Finished files waiting for the files before them, by file index. */
  readonly #waiting = new Map<number, { parts: Record<string, string>; jobIdOf: (jobKey: string) => string }>();
  /** The file whose turn it is. */
  #next = 0;
  /** Bytes of each part of that file already appended. */
  readonly #appended = new Map<string, number>();
  /** One buffer for every copy: no garbage per chunk. */
  readonly #buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  /** The first failure: later calls do nothing, finish() throws it. */
  #failure: { error: unknown } | undefined;

  constructor(manifestsDir: string) {
    this.#dir = manifestsDir;
  }

  /** File `index`'s part file `part` for job `jobId` now holds `bytes` bytes; appended at once if it is that file's turn. */
  grow(index: number, part: string, bytes: number, jobId: string): void {
    if (index !== this.#next || this.#failure !== undefined) return;
    this.#guard(() => this.#append(jobId, part, bytes));
  }

  /** File `index` is done, with its part files by job key; its parts are appended in file order. */
  add(index: number, parts: Record<string, string>, jobIdOf: (jobKey: string) => string): void {
    this.#waiting.set(index, { parts, jobIdOf });
    this.#guard(() => {
      for (let ready = this.#waiting.get(this.#next); ready !== undefined; ready = this.#waiting.get(this.#next)) {
        this.#waiting.delete(this.#next++);
        for (const [jobKey, part] of Object.entries(ready.parts)) {
          this.#append(ready.jobIdOf(jobKey), part, Number.POSITIVE_INFINITY);
          this.#appended.delete(part);
          rmSync(part);
        }
      }
    });
  }

  /** Returns each manifest's sha256 and size by job id, once every file was added. */
  async finish(): Promise<Record<string, { sha256: string; bytes: number }>> {
    if (this.#failure !== undefined) throw this.#failure.error;
    if (this.#waiting.size > 0) throw new Error(`ManifestAssembler: file ${this.#next} never arrived`);
    const done: Record<string, { sha256: string; bytes: number }> = {};
    for (const [jobId, output] of this.#outputs) {
      closeSync(output.fd);
      done[jobId] = { sha256: output.hash.digest("hex"), bytes: output.bytes };
    }
    this.#outputs.clear();
    return done;
  }

  /** Stops writing (after a failure). */
  async abort(): Promise<void> {
    this.#failure ??= { error: new Error("ManifestAssembler: aborted") };
    for (const output of this.#outputs.values()) closeSync(output.fd);
    this.#outputs.clear();
  }

  /** Runs an append; a failure (a full disk) is kept for finish() instead of thrown into a worker's message handler. */
  #guard(append: () => void): void {
    if (this.#failure !== undefined) return;
    try {
      append();
    } catch (error) {
      this.#failure = { error };
    }
  }

  /** Appends bytes of `part` from where the last append stopped up to `end` (or its end) to job `jobId`'s manifest. */
  #append(jobId: string, part: string, end: number): void {
    let output = this.#outputs.get(jobId);
    if (output === undefined) {
      output = { fd: openSync(join(this.#dir, `${jobId}.csv`), "w"), hash: createHash("sha256"), bytes: 0 };
      this.#outputs.set(jobId, output);
    }
    let position = this.#appended.get(part) ?? 0;
    if (position >= end) return;
    const input = openSync(part, "r");
    try {
      const buffer = this.#buffer;
      for (let read = 0; position < end; position += read) {
        read = readSync(input, buffer, 0, Math.min(buffer.length, end - position), position);
        if (read === 0) break;
        const chunk = buffer.subarray(0, read);
        output.hash.update(chunk);
        for (let written = 0; written < read; ) written += writeSync(output.fd, chunk, written, read - written);
        output.bytes += read;
      }
    } finally {
      closeSync(input);
    }
    this.#appended.set(part, position);
  }
}
