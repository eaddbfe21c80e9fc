import { SystemClock } from '@evstation/adapters-hw';
import type { ClockPort, LoggerPort } from '@evstation/core';
import { ContainerModule } from 'inversify';
import { TOKENS } from '../tokens.js';

/** The process-wide services: the system clock (or the one given, e.g. a FakeClock in tests) and the app's logger. */
export function systemModule(options: { logger: LoggerPort; clock?: ClockPort }): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Logger).toConstantValue(options.logger);
    bind(TOKENS.Clock).toConstantValue(options.clock ?? new SystemClock());
  });
}
