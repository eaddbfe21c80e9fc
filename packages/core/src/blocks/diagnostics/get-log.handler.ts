import type { CallHandler } from '../../rpc/functional-block.js';
import type { LogUploader } from './log-uploader.js';

/** N01 GetLog: the uploader decides the answer; the upload starts only once the answer was sent. */
export function getLogHandler(uploader: Pick<LogUploader, 'getLog'>): CallHandler<'GetLog'> {
  return async (request, context) => {
    const { response, start } = await uploader.getLog(request);
    if (start !== undefined) context.afterReply(start);
    return response;
  };
}
