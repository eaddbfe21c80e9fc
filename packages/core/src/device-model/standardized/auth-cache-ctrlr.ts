import type { ComponentDefinition } from '../definitions.js';

/** AuthCacheCtrlr: the authorization cache (Part 2 Appendix 3, C10-C12). */
export const AuthCacheCtrlr = {
  component: { name: 'AuthCacheCtrlr' },
  variables: [
    {
      variable: { name: 'Available' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', value: 'true' }],
      description: 'The station has an authorization cache.',
    },
    {
      variable: { name: 'Enabled' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      description: 'The authorization cache is used.',
    },
    {
      variable: { name: 'LifeTime' },
      characteristics: { dataType: 'integer', unit: 's', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '86400' }],
      description: 'How long a cache entry stays valid.',
    },
    {
      variable: { name: 'Policy' },
      characteristics: { dataType: 'OptionList', valuesList: 'LRU,LFU,FIFO,CUSTOM' },
      attributes: [{ mutability: 'ReadOnly', value: 'LRU' }],
      description: 'Replacement policy when the cache is full.',
    },
    {
      variable: { name: 'Storage' },
      characteristics: { dataType: 'integer', unit: 'B', minLimit: 0, maxLimit: 1048576 },
      attributes: [{ mutability: 'ReadOnly', persistent: false, value: '0' }],
      description: 'Bytes used by the cache; maxLimit is the capacity.',
    },
    {
      variable: { name: 'DisablePostAuthorize' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'Do not re-authorize cached tokens that are not Accepted when back online (C12).',
    },
  ],
} satisfies ComponentDefinition;
