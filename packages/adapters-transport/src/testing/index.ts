export { createTestPki, opensslVersion, type PemPair, type TestPki } from './test-pki.js';
export { TestCertificateAuthority, type IssueOptions, type SignCsrOptions } from './test-ca.js';
export { startSilentServer, startTestCsms, unusedPort, type CsmsConnection, type ReceivedRequest, type TestCsms, type TestCsmsOptions } from './test-csms.js';
export { RecordingTransportEvents, type DisconnectInfo } from './recording-transport-events.js';
export { AsyncQueue } from './async-queue.js';
export { startTestHttpFileServer, type FileServerRequest, type TestHttpFileServer, type TestHttpFileServerOptions } from './test-http-file-server.js';
export { FTP_USER, startTestFtpFileServer, type TestFtpFileServer } from './test-ftp-file-server.js';
export { createFirmwareSigningPki, type FirmwareSigningPki } from './firmware-signing-pki.js';
