/**
 * Scans one inventory data file in the format of its report: CSV (scan-data-file.ts) or Parquet
 * (scan-parquet-file.ts, loaded only for Parquet reports). What a scan worker calls for each file.
 */
import { scanDataFile, type PartGrown, type ScanEvents, type ScanResult, type ScanTask } from "./scan-data-file.ts";

export async function scanInventoryFile(task: ScanTask, onProgress: (rows: number, bytes: number) => void = () => {}, onPartGrown: PartGrown = () => {}, events: ScanEvents = {}): Promise<ScanResult> {
  if (task.fileFormat === "Parquet") return (await import("./scan-parquet-file.ts")).scanParquetDataFile(task, onProgress, onPartGrown);
  return scanDataFile(task, onProgress, onPartGrown, events);
}
