import type { DeviceModel } from '../../device-model/index.js';
import type { IdTokenInfoType } from '../../messages/index.js';
import { isMasterPass } from './master-pass.js';

/** Whether an authorization may start a transaction: Accepted and not a master pass (C16: a master pass only stops). */
export function mayStartTransaction(idTokenInfo: IdTokenInfoType, deviceModel: DeviceModel): boolean {
  return idTokenInfo.status === 'Accepted' && !isMasterPass(idTokenInfo, deviceModel);
}
