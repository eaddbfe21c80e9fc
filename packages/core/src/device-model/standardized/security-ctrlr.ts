import type { ComponentDefinition } from '../definitions.js';

/** SecurityCtrlr: security profile and credentials (Part 2 Appendix 3, A00-A03; TC_B_53_CS). */
export const SecurityCtrlr = {
  component: { name: 'SecurityCtrlr' },
  variables: [
    {
      variable: { name: 'SecurityProfile' },
      characteristics: { dataType: 'integer', minLimit: 0, maxLimit: 3 },
      attributes: [{ mutability: 'ReadOnly', value: '1' }],
      required: true,
      description: 'Security profile in use; changed by the station after a successful SetNetworkProfile migration (A05).',
    },
    {
      variable: { name: 'OrganizationName' },
      characteristics: { dataType: 'string', maxLimit: 64 },
      attributes: [{ mutability: 'ReadWrite', value: 'evstation' }],
      required: true,
      description: 'The O RDN of the station certificate (A02, A03).',
    },
    {
      variable: { name: 'CertificateEntries' },
      characteristics: { dataType: 'integer', minLimit: 0, maxLimit: 50 },
      attributes: [{ mutability: 'ReadOnly', persistent: false, value: '0' }],
      required: true,
      description: 'Number of installed certificates; maxLimit is the capacity (M03-M05).',
    },
    {
      variable: { name: 'Identity' },
      characteristics: { dataType: 'string', minLimit: 1, maxLimit: 48 },
      attributes: [{ mutability: 'ReadOnly' }],
      required: true,
      description: 'The station identity (identifierString) in the CSMS URL; each station gives it in its config values.',
    },
    {
      variable: { name: 'BasicAuthPassword' },
      characteristics: { dataType: 'string', minLimit: 16, maxLimit: 40 },
      attributes: [{ mutability: 'WriteOnly' }],
      description: 'HTTP Basic password for security profiles 1 and 2 (A01); never read back.',
    },
    {
      variable: { name: 'AdditionalRootCertificateCheck' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', value: 'false' }],
      description: 'Whether a new CSMS root certificate must be signed by the old one (A05).',
    },
    {
      variable: { name: 'CertSigningWaitMinimum' },
      characteristics: { dataType: 'integer', unit: 's', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '30' }],
      description: 'Seconds to wait for CertificateSigned before repeating a SignCertificateRequest (A02, A03).',
    },
    {
      variable: { name: 'CertSigningRepeatTimes' },
      characteristics: { dataType: 'integer', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '3' }],
      description: 'How many times a SignCertificateRequest is repeated (A02, A03).',
    },
    {
      variable: { name: 'AllowCSMSTLSWildcards' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'Accept a wildcard CSMS server certificate (2025-02 errata; default refuse).',
    },
  ],
} satisfies ComponentDefinition;
