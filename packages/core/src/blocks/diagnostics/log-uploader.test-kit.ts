import { getValidator, type GetLogRequest, type LogStatusNotificationRequest } from '../../messages/index.js';
import type { CallContext } from '../../rpc/functional-block.js';
import { InMemorySecurityLogStore } from '../../storage-memory/in-memory-security-log-store.js';
import { flushMicrotasks } from '../../testing/clock-driver.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { FakeFileTransfer } from '../../testing/fake-file-transfer.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { replyContext } from '../../testing/reply-context.js';
import { triggerMessageHandler } from '../remote-control/trigger-message.handler.js';
import { diagnosticsBlock } from './diagnostics.block.js';
import { logStatusTrigger } from './log-status-trigger.js';
import { LogUploader } from './log-uploader.js';
import type { DiagnosticsLogFile, DiagnosticsLogQuery, LogUploaderOptions } from './log-uploader-deps.js';

export const LOG_SERVER = 'ftp://logs:Secret-Log-Pw@logs.example.com/upload/';

const validResponse = getValidator('GetLog', 'response');
const validNotification = getValidator('LogStatusNotification', 'request');

/** A LogUploader over a fake file server, the in-memory security log and a scriptable station diagnostics log. */
export function makeLogKit(options: LogUploaderOptions = {}, station: { diagnostics?: boolean } = {}) {
  const clock = new FakeClock(new Date('2026-03-01T10:00:00.000Z'));
  const logger = new MemoryLogger();
  const files = new FakeFileTransfer();
  const securityLog = new InMemorySecurityLogStore();
  const sent: LogStatusNotificationRequest[] = [];
  const queries: DiagnosticsLogQuery[] = [];
  const state = { online: true, diagnostics: { content: { text: 'diagnostics of the station\n' } } as DiagnosticsLogFile | undefined };
  const send = (request: LogStatusNotificationRequest): Promise<unknown> => {
    const errors = validNotification(request);
    if (errors !== undefined) return Promise.reject(new Error(`invalid LogStatusNotification ${JSON.stringify(errors)}`));
    if (!state.online) return Promise.reject(new Error('offline'));
    sent.push(request);
    return Promise.resolve({});
  };
  const uploader = new LogUploader(
    {
      clock,
      logger,
      fileTransfer: files,
      securityLog,
      sendLogStatusNotification: send,
      ...(station.diagnostics === false
        ? {}
        : {
            diagnosticsLog: (query: DiagnosticsLogQuery) => {
              queries.push(query);
              return state.diagnostics;
            },
          }),
    },
    options,
  );
  const block = diagnosticsBlock({ logs: uploader });
  const trigger = triggerMessageHandler({ LogStatusNotification: logStatusTrigger({ uploader, logger, sendLogStatusNotification: send }) });
  const settle = (): Promise<void> => flushMicrotasks(200);
  /** Sends a CALL through the block's handler, then runs the after-reply work as the RPC layer does once it answered. */
  const call = async <R>(invoke: (context: CallContext) => Promise<R> | R): Promise<R> => {
    const context = replyContext('c1');
    const response = await invoke(context);
    context.flush();
    await settle();
    return response;
  };
  const getLog = async (request: GetLogRequest) => {
    const response = await call((context) => block.handlers.GetLog!(request, context));
    const errors = validResponse(response);
    if (errors !== undefined) throw new Error(`invalid GetLogResponse ${JSON.stringify(errors)}`);
    return response;
  };
  const triggerLogStatus = () => call((context) => trigger({ requestedMessage: 'LogStatusNotification' }, context));
  const statuses = () => sent.map((r) => (r.requestId === undefined ? r.status : `${r.status}#${r.requestId}`));
  return { clock, logger, files, securityLog, sent, queries, state, uploader, getLog, triggerLogStatus, statuses, settle };
}
