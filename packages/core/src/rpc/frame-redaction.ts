import { redactUrl } from '../file-transfer/redact-url.js';

const REDACTED = '***';

/** CALLs from the CSMS that can carry a secret; only these are parsed (every other frame passes untouched). */
const SECRET_CALL = /^\s*\[\s*2\s*,\s*"(?:[^"\\]|\\.)*"\s*,\s*"(SetVariables|UpdateFirmware|PublishFirmware|GetLog|SetNetworkProfile)"/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces `object[key]` when it is a string. */
function mask(object: unknown, key: string, replace: (value: string) => string): void {
  if (isObject(object) && typeof object[key] === 'string') object[key] = replace(object[key]);
}

const hide = (): string => REDACTED;

/** The secrets in each action's payload (A01 password, L01/N01 location credentials, B09 APN/VPN secrets). */
const REDACTORS: Readonly<Record<string, (payload: Json) => void>> = {
  SetVariables: (payload) => {
    const data = Array.isArray(payload['setVariableData']) ? (payload['setVariableData'] as unknown[]) : [];
    for (const item of data) {
      if (isObject(item) && isObject(item['variable']) && item['variable']['name'] === 'BasicAuthPassword') mask(item, 'attributeValue', hide);
    }
  },
  UpdateFirmware: (payload) => mask(payload['firmware'], 'location', redactUrl),
  PublishFirmware: (payload) => mask(payload, 'location', redactUrl),
  GetLog: (payload) => mask(payload['log'], 'remoteLocation', redactUrl),
  SetNetworkProfile: (payload) => {
    const data = payload['connectionData'];
    if (!isObject(data)) return;
    mask(data, 'ocppCsmsUrl', redactUrl);
    mask(data['apn'], 'apnPassword', hide);
    mask(data['vpn'], 'password', hide);
    mask(data['vpn'], 'key', hide);
  },
};

/**
 * R9: a frame as the OCPP message log may keep it. Secrets the CSMS sends (SecurityCtrlr.BasicAuthPassword in
 * SetVariables, user:password and secret query values in UpdateFirmware/PublishFirmware/GetLog locations, the APN and VPN
 * secrets and URL credentials of SetNetworkProfile) are replaced by ***; every other frame is returned as it is. A frame
 * of those actions that is not valid JSON keeps only what cannot be a secret: its action.
 */
export function redactFrameSecrets(text: string): string {
  const action = SECRET_CALL.exec(text)?.[1];
  if (action === undefined) return text;
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return `[2,"?","${action}","(unparseable frame, not logged)"]`;
  }
  if (!Array.isArray(frame) || !isObject(frame[3])) return text;
  REDACTORS[action]?.(frame[3]);
  return JSON.stringify(frame);
}
