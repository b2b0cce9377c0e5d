/**
 * The memory the kernel's routeRows (wasm/route-rows.ts) works with, as typed-array views at the
 * addresses the kernel exports: what KernelRoutes fills and reads.
 */

/** A WebAssembly global as JavaScript sees it (TypeScript's "lib" settings of this project omit the API). */
export interface WasmGlobal {
  readonly value: number;
}

/** The kernel's exports that describe the route area. */
export interface RouteAreaExports {
  ROUTE_SETTINGS: WasmGlobal;
  SETTING_COUNT: WasmGlobal;
  SIZE_LIMIT: WasmGlobal;
  RETAIN_LIMIT: WasmGlobal;
  SIGNATURE_COLUMNS: WasmGlobal;
  MAX_SIGNATURE_COLUMNS: WasmGlobal;
  OUTPUTS: WasmGlobal;
  MAX_OUTPUTS: WasmGlobal;
  OUTPUT_BYTES: WasmGlobal;
  DECISIONS: WasmGlobal;
  MAX_DECISIONS: WasmGlobal;
  DECISION_ROWS: WasmGlobal;
  SIGNATURE_TABLE: WasmGlobal;
  TABLE_SLOTS: WasmGlobal;
  SLOT_BYTES: WasmGlobal;
  SETTING_FIELDS: WasmGlobal;
  SETTING_BUCKET_AT: WasmGlobal;
  SETTING_KEY_AT: WasmGlobal;
  SETTING_SIZE_AT: WasmGlobal;
  SETTING_SIGNATURE_COLUMNS: WasmGlobal;
  SETTING_RETAIN_AT: WasmGlobal;
  RESULT_ROWS: WasmGlobal;
  RESULT_UNSEEN_SLOT: WasmGlobal;
  RESULT_LINE_END: WasmGlobal;
}

/**
 * The memory routeRows (wasm/route-rows.ts) works with, as views: what KernelRoutes fills and reads.
 * Column settings are 8 * column (offsets into the bounds), or -1 when the inventory lacks the column.
 */
export interface KernelRouteArea {
  /** i32 settings and results, at the indexes below. */
  readonly settings: Int32Array;
  readonly at: {
    fields: number; bucket: number; key: number; size: number; signatureColumns: number; retainUntil: number;
    rows: number; unseenSlot: number; lineEnd: number;
  };
  /** The Size above which a row's signature has its size bit set. */
  readonly sizeLimit: Float64Array;
  /** The inventory's creation time in the order of the kernel's retention dates (see retainDateOrder). */
  readonly retainLimit: Float64Array;
  /** 8 * column of each signature column. */
  readonly signatureColumns: Int32Array;
  /** Per job output, 4 i32: next write position, end of its area (0: JavaScript writes), 8 * VersionId column or -1. */
  readonly outputs: Int32Array;
  /** Sum of Size per output, for the kernel's rows and (added by JavaScript, in row order) the others. */
  readonly outputBytes: Float64Array;
  /** Output of each decision, or -1 for a skip. */
  readonly decisions: Int32Array;
  /** Rows the kernel counted under each decision. */
  readonly decisionRows: Float64Array;
  /** Signatures the table may hold: half its slots, so every lookup ends at the signature or an empty slot. */
  readonly maxSignatures: number;
  /** The whole area, to clear it for a new data file. */
  readonly all: Uint8Array;
}

/** Views of the route area in the kernel memory `buffer`. */
export function routeAreaOf(buffer: ArrayBuffer, exports: RouteAreaExports): KernelRouteArea {
  const settingsAt = exports.ROUTE_SETTINGS.value;
  const tableEnd = exports.SIGNATURE_TABLE.value + exports.TABLE_SLOTS.value * exports.SLOT_BYTES.value;
  const maxOutputs = exports.MAX_OUTPUTS.value;
  const maxDecisions = exports.MAX_DECISIONS.value;
  return {
    settings: new Int32Array(buffer, settingsAt, exports.SETTING_COUNT.value),
    at: {
      fields: exports.SETTING_FIELDS.value,
      bucket: exports.SETTING_BUCKET_AT.value,
      key: exports.SETTING_KEY_AT.value,
      size: exports.SETTING_SIZE_AT.value,
      signatureColumns: exports.SETTING_SIGNATURE_COLUMNS.value,
      retainUntil: exports.SETTING_RETAIN_AT.value,
      rows: exports.RESULT_ROWS.value,
      unseenSlot: exports.RESULT_UNSEEN_SLOT.value,
      lineEnd: exports.RESULT_LINE_END.value,
    },
    sizeLimit: new Float64Array(buffer, exports.SIZE_LIMIT.value, 1),
    retainLimit: new Float64Array(buffer, exports.RETAIN_LIMIT.value, 1),
    signatureColumns: new Int32Array(buffer, exports.SIGNATURE_COLUMNS.value, exports.MAX_SIGNATURE_COLUMNS.value),
    outputs: new Int32Array(buffer, exports.OUTPUTS.value, 4 * maxOutputs),
    outputBytes: new Float64Array(buffer, exports.OUTPUT_BYTES.value, maxOutputs),
    decisions: new Int32Array(buffer, exports.DECISIONS.value, maxDecisions),
    decisionRows: new Float64Array(buffer, exports.DECISION_ROWS.value, maxDecisions),
    maxSignatures: exports.TABLE_SLOTS.value / 2,
    all: new Uint8Array(buffer, settingsAt, tableEnd - settingsAt),
  };
}
