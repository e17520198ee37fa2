import { setFlagsFromString } from "node:v8";

// Under load most of what a request allocates lives a few scavenges (the request outlives them) and is promoted to
// the old generation as garbage. V8 then lets the old generation grow up to about 4× what survived the last full
// collection before collecting again: the server's live heap is ~50 MB, its peak resident size ~300 MB. A fixed,
// smaller growing factor collects that garbage sooner (peak ~170 MB on the demo network) for a few more full
// collections. The flag is read each time V8 sets its next limit, so setting it at start-up takes effect.

/** The V8 flags for HEAP_GROWING_PERCENT (none for 0: V8's own heuristics). */
export function heapTuningFlags(heapGrowingPercent: number): string[] {
  return heapGrowingPercent > 0 ? [`--heap-growing-percent=${heapGrowingPercent}`] : [];
}

/** Applies HEAP_GROWING_PERCENT to this process: call once, at start-up, from the server's entry point only. */
export function applyHeapTuning(heapGrowingPercent: number): void {
  for (const flag of heapTuningFlags(heapGrowingPercent)) setFlagsFromString(flag);
}
