/**
 * What apply checks in a job manifest's lines before it creates the job, streamed: every line must
 * name the job's bucket as its first field and have the plan's fields (`bucket,key` or
 * `bucket,key,versionId`; keys are URL-encoded, so a comma always separates fields), and the number
 * of lines must be the job's object count (compared by the caller). A manifest whose content hashes
 * to the plan's sha256 passes these by construction; they also hold a plan edited consistently (its
 * id recomputed) to the allowlist, since the allowlist checks `job.bucket` and Batch Operations acts
 * on the buckets the lines name. Pure: fed the object's bytes in chunks.
 */

/** A line longer than this is no manifest line (a key is at most 1,024 bytes, 3 KiB encoded). */
export const MAX_MANIFEST_LINE_BYTES = 16 * 1024;

export interface BadManifestLine {
  /** 1-based. */
  line: number;
  /** The line's start, for the message (at most 120 characters). */
  text: string;
  problem: "other-bucket" | "field-count" | "too-long";
}

export interface ManifestLineTally {
  lines: number;
  /** The first line that fails, if any. */
  bad: BadManifestLine | undefined;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

export class ManifestLineCheck {
  readonly #prefix: Uint8Array;
  readonly #fields: number;
  #lines = 0;
  #bad: BadManifestLine | undefined;
  /** The unfinished last line of the chunks so far. */
  #carry: Uint8Array[] = [];
  #carryBytes = 0;

  constructor(bucket: string, fields: number) {
    this.#prefix = new TextEncoder().encode(`${bucket},`);
    this.#fields = fields;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, end);
      this.#line(this.#carryBytes === 0 ? piece : this.#joinCarry(piece));
      start = end + 1;
    }
    if (start < chunk.length) {
      this.#carry.push(chunk.slice(start));
      this.#carryBytes += chunk.length - start;
      if (this.#carryBytes > MAX_MANIFEST_LINE_BYTES) {
        this.#flag(this.#lines + 1, this.#joinCarry(new Uint8Array(0)), "too-long");
        this.#carryBytes = 0;
      }
    }
  }

  /** The tally once every byte was pushed (a last line without a newline counts). */
  finish(): ManifestLineTally {
    if (this.#carryBytes > 0) this.#line(this.#joinCarry(new Uint8Array(0)));
    return { lines: this.#lines, bad: this.#bad };
  }

  #joinCarry(piece: Uint8Array): Uint8Array {
    const joined = new Uint8Array(this.#carryBytes + piece.length);
    let at = 0;
    for (const part of this.#carry) {
      joined.set(part, at);
      at += part.length;
    }
    joined.set(piece, at);
    this.#carry = [];
    this.#carryBytes = 0;
    return joined;
  }

  #line(line: Uint8Array): void {
    this.#lines++;
    if (this.#bad !== undefined) return;
    const prefix = this.#prefix;
    let named = line.length >= prefix.length;
    for (let i = 0; named && i < prefix.length; i++) named = line[i] === prefix[i];
    if (!named) {
      this.#flag(this.#lines, line, "other-bucket");
      return;
    }
    let commas = 0;
    for (let at = line.indexOf(COMMA); at !== -1; at = line.indexOf(COMMA, at + 1)) commas++;
    if (commas !== this.#fields - 1) this.#flag(this.#lines, line, "field-count");
  }

  #flag(line: number, bytes: Uint8Array, problem: BadManifestLine["problem"]): void {
    this.#bad ??= { line, text: new TextDecoder().decode(bytes.subarray(0, 120)), problem };
  }
}
