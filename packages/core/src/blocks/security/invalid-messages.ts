import type { ClockPort } from '../../ports/clock.port.js';
import type { BadFrameReport } from '../../rpc/rpc-endpoint.js';

/** Reports at most one InvalidMessages event per window (R1: rate-limited to one a minute). */
const WINDOW_MS = 60_000;

/**
 * A04 InvalidMessages (reliability.md §1.7, R1): the first refused CSMS frame of each minute is raised as a security
 * event, with how many were refused since the last report; a flood of bad frames cannot flood the security log.
 */
export class InvalidMessagesReporter {
  private lastReportMs: number | undefined;
  private suppressed = 0;

  constructor(
    private readonly deps: {
      clock: ClockPort;
      raise: (techInfo: string) => void;
    },
  ) {}

  /** A frame from the CSMS was refused with a CALLERROR (or dropped). */
  refused(report: BadFrameReport): void {
    const now = this.deps.clock.monotonicMs();
    if (this.lastReportMs !== undefined && now - this.lastReportMs < WINDOW_MS) {
      this.suppressed += 1;
      return;
    }
    const more = this.suppressed > 0 ? ` (+${this.suppressed} more since the last report)` : '';
    this.lastReportMs = now;
    this.suppressed = 0;
    this.deps.raise(`${report.code}: ${report.description}${more}`);
  }
}
