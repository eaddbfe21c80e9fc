export { FileCertificateStore, type FileCertificateStoreOptions } from './file-certificate-store.js';
export { CertificateStoreError } from './certificate-store-error.js';
export { certificateHashData, normalizeSerialNumber, sameCertificateHashData } from './certificate-hash-data.js';
