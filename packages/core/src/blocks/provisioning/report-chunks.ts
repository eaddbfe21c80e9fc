import type { ReportDataType } from '../../messages/index.js';
import { jsonByteLength } from './message-limits.js';

/** Room left in a NotifyReport for everything but reportData (requestId, generatedAt, seqNo, tbc, framing). */
const NOTIFY_REPORT_OVERHEAD_BYTES = 200;

/**
 * B07.FR.06/B08.FR.08: splits report data into NotifyReport-sized chunks of at most `maxItems` items and
 * `maxBytes` bytes each (a single item larger than maxBytes still travels alone).
 */
export function chunkReportData(data: readonly ReportDataType[], maxItems: number, maxBytes: number): ReportDataType[][] {
  const chunks: ReportDataType[][] = [];
  let current: ReportDataType[] = [];
  let bytes = NOTIFY_REPORT_OVERHEAD_BYTES;
  for (const item of data) {
    const size = jsonByteLength(item) + 1;
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = NOTIFY_REPORT_OVERHEAD_BYTES;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
