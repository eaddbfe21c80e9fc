import type { NetworkConnectionProfileType, SetNetworkProfileResponse, SetNetworkProfileStatusEnumType } from '../../messages/index.js';
import type { NetworkProfileStorePort } from '../../ports/storage/network-profile-store.port.js';
import type { DeviceModel } from '../../device-model/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';

/** What SetNetworkProfile needs. */
export interface SetNetworkProfileDeps {
  deviceModel: DeviceModel;
  store: NetworkProfileStorePort;
  /** Whether a CSMS root certificate is installed (A05.FR.02: needed for profile 2 and 3). */
  hasCsmsRootCertificate: () => boolean;
  /** Whether a station certificate is installed (needed for profile 3, B09.FR.04). */
  hasStationCertificate: () => boolean;
  validate?: (configurationSlot: number, profile: NetworkConnectionProfileType) => SetNetworkProfileStatusEnumType;
  /** Told after a profile was stored (security parameters changed). */
  onStored?: (configurationSlot: number, profile: NetworkConnectionProfileType) => void;
}

/** StatusInfoType.reasonCode is at most 20 characters (schema). */
const rejected = (reasonCode: string, additionalInfo: string): SetNetworkProfileResponse => ({
  status: 'Rejected',
  statusInfo: { reasonCode, additionalInfo: additionalInfo.slice(0, 512) },
});

/** The configuration slots a station offers: the valuesList of NetworkConfigurationPriority, else 1..8. */
export function allowedSlots(deviceModel: DeviceModel): number[] {
  const list = deviceModel.describe?.({ name: 'OCPPCommCtrlr' }, { name: 'NetworkConfigurationPriority' })?.valuesList;
  if (list === undefined || list === '') return [1, 2, 3, 4, 5, 6, 7, 8];
  return list.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n));
}

/**
 * B09 SetNetworkProfile: checks the slot (TC_B_43: an unknown slot is Rejected), never lowers the security
 * profile (A05, A00.FR.005), refuses profile 2/3 without a CSMS root and 3 without a station certificate,
 * checks the URL scheme against the profile, then stores the profile in its slot.
 */
export function setNetworkProfileHandler(deps: SetNetworkProfileDeps): CallHandler<'SetNetworkProfile'> {
  return (request) => {
    const { configurationSlot: slot, connectionData: profile } = request;
    if (!allowedSlots(deps.deviceModel).includes(slot)) return rejected('InvalidConfSlot', `Slot ${slot} does not exist on this station`);
    const current = deps.deviceModel.get('SecurityCtrlr', 'SecurityProfile') ?? 0;
    if (profile.securityProfile < current) return rejected('NoSecurityDowngrade', `Security profile ${profile.securityProfile} is lower than the active ${current}`);
    if (profile.securityProfile > 3 || profile.securityProfile < 0) return rejected('InvalidProfile', `Unknown security profile ${profile.securityProfile}`);
    if (profile.securityProfile >= 2 && !deps.hasCsmsRootCertificate()) return rejected('NoCsmsRootCert', 'Profile 2 and 3 need an installed CSMSRootCertificate');
    if (profile.securityProfile === 3 && !deps.hasStationCertificate()) return rejected('NoStationCert', 'Profile 3 needs a ChargingStationCertificate');
    const wantsTls = profile.securityProfile >= 2;
    if (!/^wss?:\/\//i.test(profile.ocppCsmsUrl) || /^wss:/i.test(profile.ocppCsmsUrl) !== wantsTls) {
      return rejected('InvalidURL', `ocppCsmsUrl must use ${wantsTls ? 'wss' : 'ws'}:// for security profile ${profile.securityProfile}`);
    }
    const verdict = deps.validate?.(slot, profile) ?? 'Accepted';
    if (verdict !== 'Accepted') return { status: verdict };
    deps.store.set({ configurationSlot: slot, profile });
    deps.onStored?.(slot, profile);
    return { status: 'Accepted' };
  };
}
