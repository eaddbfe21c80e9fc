import type { DeviceModel } from '../device-model/index.js';
import type { NetworkProfileSlot, NetworkProfileStorePort } from '../ports/storage/network-profile-store.port.js';

/** The current SecurityCtrlr.SecurityProfile. */
export function currentSecurityProfile(deviceModel: DeviceModel): number {
  return deviceModel.get('SecurityCtrlr', 'SecurityProfile') ?? 0;
}

/** A00.FR.005 / A05: slots the station may use: never one below its current security profile. */
export function usableSlots(slots: readonly NetworkProfileSlot[], deviceModel: DeviceModel): NetworkProfileSlot[] {
  const current = currentSecurityProfile(deviceModel);
  return slots.filter((slot) => slot.profile.securityProfile >= current);
}

/**
 * A05.FR.04-06 (TC_A_19): the first successful connection on a higher security profile makes it the station's
 * SecurityCtrlr.SecurityProfile and removes every slot of a lower profile (and its place in NetworkConfigurationPriority).
 * Returns the removed slot numbers, or undefined when the profile did not go up.
 */
export function adoptSecurityProfile(slot: NetworkProfileSlot, deviceModel: DeviceModel, profiles: NetworkProfileStorePort): number[] | undefined {
  const raised = slot.profile.securityProfile;
  if (raised <= currentSecurityProfile(deviceModel)) return undefined;
  deviceModel.setInternal({ name: 'SecurityCtrlr' }, { name: 'SecurityProfile' }, String(raised));
  const removed = profiles
    .loadAll()
    .filter((other) => other.profile.securityProfile < raised)
    .map((other) => other.configurationSlot);
  for (const configurationSlot of removed) profiles.remove(configurationSlot);
  const priority = deviceModel.get('OCPPCommCtrlr', 'NetworkConfigurationPriority') ?? [];
  const kept = priority.filter((entry) => !removed.includes(Number(entry)));
  if (kept.length !== priority.length) deviceModel.setInternal({ name: 'OCPPCommCtrlr' }, { name: 'NetworkConfigurationPriority' }, kept.join(','));
  return removed;
}
