import type { LogEnumType } from '../../messages/index.js';
import type { SecurityLogEntry } from '../../ports/storage/security-log-store.port.js';

/** The file name announced in GetLogResponse.filename (at most 255 characters): log type, requestId and UTC time. */
export function logFileName(logType: LogEnumType, requestId: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${logType}-${requestId}-${stamp}.log`;
}

/**
 * N01 SecurityLog content: one line per entry of the local security log (A04) in the requested time range, oldest
 * first, after a header naming the range. The format is not prescribed by OCPP; this one is plain text for people.
 */
export function securityLogFile(entries: readonly SecurityLogEntry[], range: { oldestTimestamp?: string; latestTimestamp?: string }): string {
  const header = `# Security log, ${range.oldestTimestamp ?? 'start'} .. ${range.latestTimestamp ?? 'now'}, ${entries.length} entries`;
  const lines = entries.map((e) => `${e.timestamp} ${e.type}${e.critical ? ' critical' : ''}${e.techInfo === undefined ? '' : ` ${JSON.stringify(e.techInfo)}`}`);
  return `${[header, ...lines].join('\n')}\n`;
}
