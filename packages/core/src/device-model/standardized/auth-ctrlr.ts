import type { ComponentDefinition } from '../definitions.js';

/** AuthCtrlr: authorization behaviour (Part 2 Appendix 3, C01-C16; TC_B_53_CS). */
export const AuthCtrlr = {
  component: { name: 'AuthCtrlr' },
  variables: [
    {
      variable: { name: 'Enabled' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      description: 'When false, no authorization is done before starting a transaction.',
    },
    {
      variable: { name: 'AuthorizeRemoteStart' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      required: true,
      description: 'Authorize the idToken of a RequestStartTransaction before starting (F01).',
    },
    {
      variable: { name: 'LocalAuthorizeOffline' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      required: true,
      description: 'Authorize from the cache/local list while offline (C12, C14).',
    },
    {
      variable: { name: 'LocalPreAuthorize' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      required: true,
      description: 'Start at once for idTokens valid in the cache/local list, without waiting for the CSMS (C10, C13).',
    },
    {
      variable: { name: 'DisableRemoteAuthorization' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'Never send AuthorizeRequest; only local authorization is used.',
    },
    {
      variable: { name: 'OfflineTxForUnknownIdEnabled' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'Allow offline transactions for unknown idTokens (C15).',
    },
  ],
} satisfies ComponentDefinition;
