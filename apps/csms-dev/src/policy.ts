import type { AuthorizationStatusEnumType, IdTokenType, RegistrationStatusEnumType } from '@evstation/core';

/** How csms-dev answers BootNotification (B01-B03) and authorizes idTokens (C01). */
export interface CsmsPolicy {
  /** The registration status given to every BootNotification. */
  readonly boot: RegistrationStatusEnumType;
  /** BootNotificationResponse.interval in seconds: the heartbeat interval when Accepted, the retry wait otherwise. */
  readonly heartbeatInterval: number;
  /** True: every idToken is Accepted. False: only those in `tokens` are, the others are Invalid. */
  readonly acceptAll: boolean;
  /** The idTokens accepted when `acceptAll` is false (compared case-insensitively, as IdToken is). */
  readonly tokens: readonly string[];
}

/** A change to the policy; absent fields keep their value. */
export interface PolicyPatch {
  boot?: RegistrationStatusEnumType;
  heartbeatInterval?: number;
  acceptAll?: boolean;
  tokens?: readonly string[];
}

/** The policy when nothing is configured: accept boots every 300 s, accept every idToken. */
export const DEFAULT_POLICY: CsmsPolicy = Object.freeze({ boot: 'Accepted', heartbeatInterval: 300, acceptAll: true, tokens: Object.freeze([]) });

/** The registration statuses of RegistrationStatusEnumType. */
export const REGISTRATION_STATUSES: readonly RegistrationStatusEnumType[] = ['Accepted', 'Pending', 'Rejected'];

/** IdTokenType.idToken is an identifierString of at most 36 characters. */
const MAX_ID_TOKEN_LENGTH = 36;
/** BootNotificationResponse.interval is an integer; keep it within what a 32-bit station timer holds in ms. */
const MAX_INTERVAL_S = 2_147_483;

/** A policy value or patch that cannot be applied; the message says which field and why. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

/** Applies a patch to a policy, checking every field; throws PolicyError on a bad value. */
export function applyPolicyPatch(policy: CsmsPolicy, patch: PolicyPatch): CsmsPolicy {
  const boot = patch.boot ?? policy.boot;
  if (!REGISTRATION_STATUSES.includes(boot)) throw new PolicyError(`boot must be one of ${REGISTRATION_STATUSES.join(', ')} (got ${JSON.stringify(boot)})`);
  const heartbeatInterval = patch.heartbeatInterval ?? policy.heartbeatInterval;
  if (!Number.isInteger(heartbeatInterval) || heartbeatInterval < 1 || heartbeatInterval > MAX_INTERVAL_S) {
    throw new PolicyError(`heartbeatInterval must be a whole number of seconds from 1 to ${MAX_INTERVAL_S} (got ${JSON.stringify(heartbeatInterval)})`);
  }
  if (patch.acceptAll === true && patch.tokens !== undefined) throw new PolicyError('give either tokens or acceptAll: true, not both');
  const tokens = patch.tokens === undefined ? policy.tokens : checkTokens(patch.tokens);
  // Giving a token list means "only these", unless acceptAll says otherwise.
  const acceptAll = patch.acceptAll ?? (patch.tokens !== undefined ? false : policy.acceptAll);
  return Object.freeze({ boot, heartbeatInterval, acceptAll, tokens: Object.freeze([...tokens]) });
}

/** Reads a policy patch from untrusted JSON (HTTP PUT /api/policy); throws PolicyError naming the bad field. */
export function parsePolicyPatch(input: unknown): PolicyPatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new PolicyError('policy must be a JSON object');
  const known = new Set(['boot', 'heartbeatInterval', 'acceptAll', 'tokens']);
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new PolicyError(`unknown policy field(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  const fields = input as Record<string, unknown>;
  const patch: PolicyPatch = {};
  if (fields['boot'] !== undefined) {
    const boot = fields['boot'];
    if (typeof boot !== 'string' || !REGISTRATION_STATUSES.includes(boot as RegistrationStatusEnumType)) {
      throw new PolicyError(`boot must be one of ${REGISTRATION_STATUSES.join(', ')} (got ${JSON.stringify(boot)})`);
    }
    patch.boot = boot as RegistrationStatusEnumType;
  }
  if (fields['heartbeatInterval'] !== undefined) {
    if (typeof fields['heartbeatInterval'] !== 'number') throw new PolicyError('heartbeatInterval must be a number of seconds');
    patch.heartbeatInterval = fields['heartbeatInterval'];
  }
  if (fields['acceptAll'] !== undefined) {
    if (typeof fields['acceptAll'] !== 'boolean') throw new PolicyError('acceptAll must be true or false');
    patch.acceptAll = fields['acceptAll'];
  }
  if (fields['tokens'] !== undefined) {
    const tokens = fields['tokens'];
    if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string')) throw new PolicyError('tokens must be an array of idToken strings');
    patch.tokens = tokens;
  }
  return patch;
}

/** C01: the status an idToken gets under the policy; NoAuthorization tokens carry no identity and are always Accepted. */
export function authorizationStatus(policy: CsmsPolicy, idToken: IdTokenType): AuthorizationStatusEnumType {
  if (policy.acceptAll || idToken.type === 'NoAuthorization') return 'Accepted';
  const wanted = idToken.idToken.toLowerCase();
  return policy.tokens.some((token) => token.toLowerCase() === wanted) ? 'Accepted' : 'Invalid';
}

function checkTokens(tokens: readonly string[]): readonly string[] {
  for (const token of tokens) {
    if (token.length === 0 || token.length > MAX_ID_TOKEN_LENGTH) {
      throw new PolicyError(`each token must be 1 to ${MAX_ID_TOKEN_LENGTH} characters (IdToken.idToken); got ${JSON.stringify(token)}`);
    }
  }
  return tokens;
}
