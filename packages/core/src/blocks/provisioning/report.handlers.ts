import type { NotifyReportRequest, ReportDataType } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { DeviceModel } from '../../device-model/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import { enforceMessageLimits } from './message-limits.js';
import { chunkReportData } from './report-chunks.js';

/** What the report handlers need. */
export interface ReportDeps {
  deviceModel: DeviceModel;
  clock: ClockPort;
  logger: LoggerPort;
  /** Sends one NotifyReport (allowed while Pending: it answers a CSMS request). */
  sendNotifyReport: (request: NotifyReportRequest) => Promise<unknown>;
}

/** B07/B08: sends the report as NotifyReport messages with seqNo 0.. and tbc on all but the last. */
async function sendReport(deps: ReportDeps, requestId: number, data: readonly ReportDataType[]): Promise<void> {
  const maxItems = deps.deviceModel.get('DeviceDataCtrlr', 'ItemsPerMessage', { variableInstance: 'GetReport' }) ?? 100;
  const maxBytes = deps.deviceModel.get('DeviceDataCtrlr', 'BytesPerMessage', { variableInstance: 'GetReport' }) ?? 65_000;
  const chunks = chunkReportData(data, maxItems, maxBytes);
  const generatedAt = deps.clock.now().toISOString();
  for (const [seqNo, reportData] of chunks.entries()) {
    const tbc = seqNo < chunks.length - 1;
    await deps.sendNotifyReport({ requestId, generatedAt, seqNo, reportData, ...(tbc ? { tbc } : {}) });
  }
}

function sendAfterReply(deps: ReportDeps, requestId: number, data: readonly ReportDataType[]): void {
  sendReport(deps, requestId, data).catch((error: unknown) => deps.logger.warn({ requestId, err: error }, 'NotifyReport not delivered'));
}

/** B07 GetBaseReport: Accepted, then the report follows in NotifyReport messages. */
export function getBaseReportHandler(deps: ReportDeps): CallHandler<'GetBaseReport'> {
  return (request, context) => {
    const data = deps.deviceModel.baseReport(request.reportBase);
    if (data.length === 0) return { status: 'EmptyResultSet' };
    context.afterReply(() => sendAfterReply(deps, request.requestId, data));
    return { status: 'Accepted' };
  };
}

/** B08 GetReport: by component criteria and/or component-variables; EmptyResultSet when nothing matches. */
export function getReportHandler(deps: ReportDeps): CallHandler<'GetReport'> {
  return (request, context) => {
    enforceMessageLimits(deps.deviceModel, 'GetReport', request.componentVariable?.length ?? 0, request);
    const data = deps.deviceModel.report(request.componentCriteria, request.componentVariable);
    if (data.length === 0) return { status: 'EmptyResultSet' };
    context.afterReply(() => sendAfterReply(deps, request.requestId, data));
    return { status: 'Accepted' };
  };
}
