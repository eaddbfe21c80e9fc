import type { FunctionalBlock } from '../../rpc/functional-block.js';
import { dataTransferHandler, type DataTransferDeps } from './data-transfer.handler.js';

/** Functional block P DataTransfer: P01 DataTransfer from the CSMS (P02 goes out through dataTransferRequest). */
export function dataTransferBlock(deps: DataTransferDeps): FunctionalBlock {
  return {
    name: 'data-transfer',
    handlers: {
      DataTransfer: dataTransferHandler(deps),
    },
  };
}
