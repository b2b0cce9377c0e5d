/**
 * Which data files the scan pool is reading right now, and how long each has gone without a byte:
 * workers stamp a shared word per file (milliseconds since the pool started) each time a compressed
 * chunk arrives, and the main thread reads the stamps when it reports progress, so a stalled file is
 * named even though no progress message comes from it.
 */
export interface FileSilence {
  /** The file's task index. */
  index: number;
  /** Since its last compressed byte (or since it was claimed). */
  silentMs: number;
}

export class ScanMonitor {
  #activity: Int32Array | undefined;
  #epochMs = 0;
  #running: () => Iterable<number> = () => [];

  /** Called by the scan pool once its workers start. */
  attach(activity: Int32Array, epochMs: number, running: () => Iterable<number>): void {
    this.#activity = activity;
    this.#epochMs = epochMs;
    this.#running = running;
  }

  /** Every file being scanned, with how long it has been silent. */
  silences(now: number = Date.now()): FileSilence[] {
    const activity = this.#activity;
    if (activity === undefined) return [];
    const silences: FileSilence[] = [];
    for (const index of this.#running()) {
      const stamp = Atomics.load(activity, index);
      silences.push({ index, silentMs: Math.max(0, now - this.#epochMs - stamp) });
    }
    return silences;
  }
}

/** Stamps file `index` as just read (worker side). */
export function stampRead(activity: Int32Array, epochMs: number, index: number): void {
  Atomics.store(activity, index, Date.now() - epochMs);
}
