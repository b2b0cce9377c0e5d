/** What the scan of one inventory report hands the plan: where it came from and the tally of its rows. */
import type { InventoryFormat } from "../../contracts/inventory-fields.ts";
import type { FileTally } from "./file-tally.ts";

export interface ScannedInventory {
  sourceBucket: string;
  /** s3:// URI, or the manifest's path relative to the local inventory root. */
  manifest: string;
  manifestMd5: string;
  creationTime: Date;
  fileFormat: InventoryFormat;
  fileSchema: string[];
  dataFiles: number;
  tally: FileTally;
}
