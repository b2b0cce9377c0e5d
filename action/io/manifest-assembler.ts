/**
 * Builds each job's manifest from the scan workers' part files, appending a data file's parts as soon
 * as it and every file before it are done, so the concatenation overlaps the scan instead of following
 * it. Keeps the inventory's order (file order, then row order) and hashes each manifest as it is written.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import { join } from "node:path";

interface Output {
  stream: WriteStream;
  hash: Hash;
  bytes: number;
}

const READ_CHUNK_BYTES = 1024 * 1024;

export class ManifestAssembler {
  readonly #dir: string;
  readonly #outputs = new Map<string, Output>();
  /** Results that arrived before the files ahead of them, by file index. */
  readonly #waiting = new Map<number, { parts: Record<string, string>; jobIdOf: (jobKey: string) => string }>();
  #next = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(manifestsDir: string) {
    this.#dir = manifestsDir;
  }

  /** Takes file `index`'s part files (by job key) in any order; appends them in file order. */
  add(index: number, parts: Record<string, string>, jobIdOf: (jobKey: string) => string): void {
    this.#waiting.set(index, { parts, jobIdOf });
    for (let ready = this.#waiting.get(this.#next); ready !== undefined; ready = this.#waiting.get(this.#next)) {
      this.#waiting.delete(this.#next++);
      const { parts: fileParts, jobIdOf: idOf } = ready;
      this.#chain = this.#chain.then(async () => {
        for (const [jobKey, part] of Object.entries(fileParts)) await this.#append(idOf(jobKey), part);
      });
      // A failure surfaces in finish(); until then it must not count as an unhandled rejection.
      this.#chain.catch(() => {});
    }
  }

  /** Waits for every append; returns each manifest's sha256 and size by job id. */
  async finish(): Promise<Record<string, { sha256: string; bytes: number }>> {
    await this.#chain;
    if (this.#waiting.size > 0) throw new Error(`ManifestAssembler: file ${this.#next} never arrived`);
    const done: Record<string, { sha256: string; bytes: number }> = {};
    for (const [jobId, output] of this.#outputs) {
      output.stream.end();
      await once(output.stream, "finish");
      done[jobId] = { sha256: output.hash.digest("hex"), bytes: output.bytes };
    }
    return done;
  }

  /** Stops writing (after a failure). */
  async abort(): Promise<void> {
    await this.#chain.catch(() => {});
    for (const output of this.#outputs.values()) output.stream.destroy();
  }

  async #append(jobId: string, part: string): Promise<void> {
    let output = this.#outputs.get(jobId);
    if (output === undefined) {
      output = { stream: createWriteStream(join(this.#dir, `${jobId}.csv`)), hash: createHash("sha256"), bytes: 0 };
      this.#outputs.set(jobId, output);
    }
    for await (const chunk of createReadStream(part, { highWaterMark: READ_CHUNK_BYTES })) {
      output.hash.update(chunk as Buffer);
      output.bytes += (chunk as Buffer).length;
      if (!output.stream.write(chunk)) await once(output.stream, "drain");
    }
    await rm(part);
  }
}
