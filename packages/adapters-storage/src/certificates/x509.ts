// @peculiar/x509 resolves its algorithms through tsyringe, which needs a Reflect metadata polyfill loaded first.
// ES modules evaluate their imports in order, so this import runs before @peculiar/x509's.
import 'reflect-metadata';

export {
  BasicConstraintsExtension,
  Name,
  PemConverter,
  Pkcs10CertificateRequest,
  Pkcs10CertificateRequestGenerator,
  X509Certificate,
  type JsonName,
} from '@peculiar/x509';
