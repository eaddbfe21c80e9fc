/**
 * Stops a transfer from the caller's side (core has no DOM AbortSignal); core's CancelSource implements it and the
 * adapters bridge it to their library's abort mechanism.
 */
export interface CancelSignal {
  /** Whether cancel was requested. */
  readonly cancelled: boolean;
  /** Calls `listener` once when cancelled (at once when it already is); returns a function that removes it. */
  onCancel(listener: () => void): () => void;
}

/** The file transfer protocols of OCPPCommCtrlr.FileTransferProtocols an adapter can serve. */
export type FileTransferProtocol = 'HTTP' | 'HTTPS' | 'FTP' | 'FTPS' | 'SFTP';

/**
 * Why a transfer failed, as every adapter classifies its library's errors (the library's error types never cross the
 * port). The blocks map these to OCPP statuses (N01 UploadLogStatusEnumType, L01 DownloadFailed).
 */
export type FileTransferErrorKind =
  /** The URL cannot be used: unparseable, no host, an FTP URL without a file name, HTTP 400... */
  | 'bad-location'
  /** The scheme is not served, or the server does not support the operation (HTTP 405/501, FTP 502/504). */
  | 'protocol-unsupported'
  /** The server has no such file or path (HTTP 404/410, FTP 550 on retrieve). */
  | 'not-found'
  /** The server refused the credentials or the operation (HTTP 401/403, FTP 530/550 on store). */
  | 'permission-denied'
  /** Connection refused or reset, DNS or TLS failure. */
  | 'network'
  /** No answer or no progress within the adapter's timeout. */
  | 'timeout'
  /** The content is larger than the allowed maximum (download cap, HTTP 413). */
  | 'too-large'
  /** Any other refusal by the server (an unexpected status code or reply). */
  | 'server-error'
  /** The caller cancelled the transfer. */
  | 'cancelled'
  /** A local file could not be read or written. */
  | 'io';

/** A failed transfer; `message` never contains the credentials of the URL (they are redacted). */
export interface FileTransferError {
  kind: FileTransferErrorKind;
  message: string;
}

/** The outcome of one transfer attempt: the value, or why it failed. */
export type FileTransferOutcome<T> = { ok: true; value: T } | { ok: false; error: FileTransferError };

/** What to download (L01 firmware). */
export interface DownloadRequest {
  /** Where from; may carry credentials (ftp://user:pw@host/...), which never reach a log or an error. */
  url: string;
  /** Largest accepted size in bytes; the adapter's default cap applies when absent or larger. */
  maxBytes?: number;
  cancel?: CancelSignal;
}

/** A downloaded file the station can verify and install. */
export interface DownloadedArtifact {
  /**
   * Opaque reference to the local copy, understood by the station's installer and the firmware verifier of the same
   * deployment (the adapters in this repository use an absolute file path).
   */
  handle: string;
  sizeBytes: number;
  /** SHA-256 of the content, lower-case hex. */
  sha256: string;
}

/** The bytes to upload (N01 log file): in memory, as text (sent as UTF-8), or a local file the station provides. */
export type UploadContent = { bytes: Uint8Array } | { text: string } | { path: string };

/** What to upload and where (N01 GetLog log.remoteLocation). */
export interface UploadRequest {
  /** The remote location; when it names a directory (ends with '/') the file name is appended, as curl -T does. */
  url: string;
  /** The file name announced in GetLogResponse.filename. */
  fileName: string;
  content: UploadContent;
  cancel?: CancelSignal;
}

/** A finished upload. */
export interface UploadReceipt {
  /** Where the file went, credentials redacted. */
  location: string;
  sizeBytes: number;
}

/**
 * Moves files between the station and remote servers for firmware updates (L01) and log uploads (N01). Methods never
 * throw for transfer failures: they resolve to an outcome with a classified error.
 */
export interface FileTransferPort {
  /** The protocols served, to keep OCPPCommCtrlr.FileTransferProtocols truthful. */
  readonly protocols: readonly FileTransferProtocol[];
  /** Downloads `url` into a new local artifact, within the size cap. */
  download(request: DownloadRequest): Promise<FileTransferOutcome<DownloadedArtifact>>;
  /** Uploads the content to the remote location. */
  upload(request: UploadRequest): Promise<FileTransferOutcome<UploadReceipt>>;
  /** Deletes a downloaded artifact; an unknown or already deleted handle is ignored. */
  discard(handle: string): Promise<void>;
}
