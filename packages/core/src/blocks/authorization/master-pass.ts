import type { DeviceModel } from '../../device-model/index.js';
import type { IdTokenInfoType } from '../../messages/index.js';

/** AuthCtrlr.MasterPassGroupId, when the station defines it and it is not empty (C16). */
export function masterPassGroupId(deviceModel: DeviceModel): string | undefined {
  const value = deviceModel.getValue({ name: 'AuthCtrlr' }, { name: 'MasterPassGroupId' });
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Whether an authorization is a master pass (C16, TC_C_47-49_CS): Accepted, with a groupIdToken whose idToken equals
 * AuthCtrlr.MasterPassGroupId (case-insensitively). A master pass may stop any transaction but never start one.
 */
export function isMasterPass(idTokenInfo: IdTokenInfoType, deviceModel: DeviceModel): boolean {
  const groupId = masterPassGroupId(deviceModel);
  const group = idTokenInfo.groupIdToken;
  return groupId !== undefined && idTokenInfo.status === 'Accepted' && group !== undefined && group.idToken.toLowerCase() === groupId.toLowerCase();
}
