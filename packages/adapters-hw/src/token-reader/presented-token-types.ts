import type { PresentedTokenType } from '@evstation/core';

/** Every token type a reader may report (the IdTokenEnumType values, C01): for checking a type named in text. */
export const PRESENTED_TOKEN_TYPES: readonly PresentedTokenType[] = ['Central', 'eMAID', 'ISO14443', 'ISO15693', 'KeyCode', 'Local', 'MacAddress', 'NoAuthorization'];
