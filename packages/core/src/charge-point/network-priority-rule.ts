import type { DeviceModel } from '../device-model/index.js';
import type { NetworkProfileStorePort } from '../ports/storage/network-profile-store.port.js';

/** B10: NetworkConfigurationPriority may only name slots that hold a network connection profile. */
export function registerNetworkPriorityRule(deviceModel: DeviceModel, profiles: NetworkProfileStorePort): void {
  deviceModel.registerValidator('OCPPCommCtrlr', 'NetworkConfigurationPriority', (value) => {
    const stored = new Set(profiles.loadAll().map((s) => String(s.configurationSlot)));
    const missing = value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '' && !stored.has(v));
    return missing.length === 0 ? undefined : `No network connection profile in slot ${missing.join(', ')} (B10)`;
  });
}
