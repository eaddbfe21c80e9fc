export { dataTransferBlock } from './data-transfer.block.js';
export { dataTransferHandler, type DataTransferDeps, type DataTransferHandler, type DataTransferVendor } from './data-transfer.handler.js';
export { dataTransferRequest } from './data-transfer-request.js';
