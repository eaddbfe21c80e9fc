import type { AuthorizeRequest, IdTokenInfoType, IdTokenType, TransactionEventRequest } from '@evstation/core';
import { acceptingHandlers } from './ocpp-frames.js';
import type { CsmsClient } from './strict-csms.js';

type Handler = (params: unknown, client: CsmsClient) => unknown;

/** The tokens the OCTT configures (valid, invalid, blocked, expired, a second valid one, a master pass). */
export const tokens = {
  valid: { idToken: 'VALID-TOKEN-1', type: 'ISO14443' },
  valid2: { idToken: 'VALID-TOKEN-2', type: 'ISO14443' },
  invalid: { idToken: 'INVALID-TOKEN', type: 'ISO14443' },
  blocked: { idToken: 'BLOCKED-TOKEN', type: 'ISO14443' },
  expired: { idToken: 'EXPIRED-TOKEN', type: 'ISO14443' },
  unknown: { idToken: 'UNKNOWN-TOKEN', type: 'ISO14443' },
  masterPass: { idToken: 'MASTER-PASS-1', type: 'ISO14443' },
  central: { idToken: 'REMOTE-TOKEN-1', type: 'Central' },
} satisfies Record<string, IdTokenType>;

/** The group of the OCTT's GroupId cases (C09, E07): the CSMS answers it in idTokenInfo.groupIdToken for tokens of one group. */
export const GROUP: IdTokenType = { idToken: 'OCTT-GROUP-1', type: 'Central' };

function keyOf(idToken: IdTokenType): string {
  return `${idToken.type}:${idToken.idToken.toLowerCase()}`;
}

/**
 * The CSMS's view of the tokens: what Authorize answers for each (default Accepted), and the idTokenInfo a
 * TransactionEventResponse carries for an event with an idToken (the same answer, unless a case overrides it).
 */
export class TokenDirectory {
  private readonly authorizeAnswers = new Map<string, IdTokenInfoType>();
  private readonly transactionAnswers = new Map<string, IdTokenInfoType>();

  /** What the CSMS says about a token from now on, in AuthorizeResponse and TransactionEventResponse. */
  set(idToken: IdTokenType, idTokenInfo: IdTokenInfoType): this {
    this.authorizeAnswers.set(keyOf(idToken), idTokenInfo);
    this.transactionAnswers.delete(keyOf(idToken));
    return this;
  }

  /** What TransactionEventResponse says about a token (e.g. Invalid after an offline start), Authorize unchanged. */
  setForTransactions(idToken: IdTokenType, idTokenInfo: IdTokenInfoType): this {
    this.transactionAnswers.set(keyOf(idToken), idTokenInfo);
    return this;
  }

  /** The AuthorizeResponse idTokenInfo for a token. */
  authorizeAnswer(idToken: IdTokenType): IdTokenInfoType {
    return this.authorizeAnswers.get(keyOf(idToken)) ?? { status: 'Accepted' };
  }

  /** The TransactionEventResponse idTokenInfo for a token. */
  transactionAnswer(idToken: IdTokenType): IdTokenInfoType {
    return this.transactionAnswers.get(keyOf(idToken)) ?? this.authorizeAnswer(idToken);
  }

  /** CSMS handlers (acceptingHandlers) whose Authorize and TransactionEvent answers follow this directory. */
  handlers(overrides: Record<string, Handler> = {}): Record<string, Handler> {
    return acceptingHandlers({
      Authorize: (params) => ({ idTokenInfo: this.authorizeAnswer((params as AuthorizeRequest).idToken) }),
      TransactionEvent: (params) => {
        const { idToken } = params as TransactionEventRequest;
        return idToken === undefined ? {} : { idTokenInfo: this.transactionAnswer(idToken) };
      },
      ...overrides,
    });
  }
}
