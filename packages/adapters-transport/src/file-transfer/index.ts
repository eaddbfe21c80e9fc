export { NodeFileTransfer, type NodeFileTransferDeps } from './node-file-transfer.js';
export { resolveFileTransferConfig, type FileTransferConfig, type ResolvedFileTransferConfig } from './file-transfer-config.js';
export { httpStatusFailure } from './http-transfer.js';
export { ftpReplyFailure } from './ftp-transfer.js';
