/** A security-log time range as instants in ms (inclusive), or undefined when no bound was given (list everything). */
export interface SecurityLogRangeMs {
  fromMs: number;
  toMs: number;
}

/** Earliest and latest instants a JS Date can hold, used for an open end of a range. */
const MIN_MS = -8.64e15;
const MAX_MS = 8.64e15;

/**
 * Turns a GetLog-style range of ISO 8601 texts into instants, so entries are compared by time and not by text
 * (`...00Z` and `...00.000Z` are the same instant). An unparsable bound is NaN and matches nothing.
 */
export function securityLogRangeMs(range: { from?: string; to?: string } | undefined): SecurityLogRangeMs | undefined {
  if (range?.from === undefined && range?.to === undefined) return undefined;
  return {
    fromMs: range.from === undefined ? MIN_MS : Date.parse(range.from),
    toMs: range.to === undefined ? MAX_MS : Date.parse(range.to),
  };
}
