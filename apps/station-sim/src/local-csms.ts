import type { CsmsDev } from '@evstation/csms-dev';
import type { LoggerPort } from '@evstation/core';

/** The ports csms-dev takes by default; when they are taken, any free ones. */
const PREFERRED = { port: 9000, httpPort: 9001 };

/**
 * Starts csms-dev on loopback for a station-sim run without --csms (issue 6 §2: a newcomer sees a booted station at
 * once). It accepts every boot and token; with a password (security profile 1) it checks it.
 */
export async function startLocalCsms(options: { logger: LoggerPort; password?: string }): Promise<CsmsDev> {
  // Loaded only here: a run against another CSMS (or a thousand stations) does not carry csms-dev and ocpp-rpc.
  const { startCsmsDev } = await import('@evstation/csms-dev');
  const common = { host: '127.0.0.1', logger: options.logger.child({ component: 'csms-dev' }), ...(options.password === undefined ? {} : { password: options.password }) };
  try {
    return await startCsmsDev({ ...common, ...PREFERRED });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    options.logger.info({ ...PREFERRED }, 'csms-dev ports taken; using free ones');
    return startCsmsDev({ ...common, port: 0, httpPort: 0 });
  }
}
