import { describe, expect, it } from 'vitest';
import type { NetworkConnectionProfileType } from '../messages/index.js';
import { InMemoryNetworkProfileStore } from '../storage-memory/index.js';
import { loadTestModel, testConfig } from '../device-model/device-model-test-kit.js';
import { adoptSecurityProfile, usableSlots } from './security-profile-upgrade.js';

function profile(securityProfile: number): NetworkConnectionProfileType {
  return { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: `wss://csms.example/sp${securityProfile}`, messageTimeout: 30, securityProfile, ocppInterface: 'Wired0' };
}

function station(current: number) {
  const { model } = loadTestModel({
    config: testConfig({
      values: [
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, value: String(current) },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, value: '2,1,3' },
      ],
    }),
  });
  const profiles = new InMemoryNetworkProfileStore();
  profiles.set({ configurationSlot: 1, profile: profile(1) });
  profiles.set({ configurationSlot: 2, profile: profile(2) });
  profiles.set({ configurationSlot: 3, profile: profile(2) });
  return { model, profiles };
}

describe('A05 security profile upgrade', () => {
  it('A05.FR.04-06 (TC_A_19_CS): the first connection on a higher profile raises SecurityProfile and removes the lower-profile slots', () => {
    const { model, profiles } = station(1);
    const removed = adoptSecurityProfile({ configurationSlot: 2, profile: profile(2) }, model, profiles);
    expect(removed).toEqual([1]);
    expect(model.get('SecurityCtrlr', 'SecurityProfile')).toBe(2);
    expect(profiles.loadAll().map((s) => s.configurationSlot)).toEqual([2, 3]);
    expect(model.get('OCPPCommCtrlr', 'NetworkConfigurationPriority')).toEqual(['2', '3']);
  });

  it('changes nothing when the connection is on the current profile', () => {
    const { model, profiles } = station(2);
    expect(adoptSecurityProfile({ configurationSlot: 2, profile: profile(2) }, model, profiles)).toBeUndefined();
    expect(profiles.loadAll()).toHaveLength(3);
  });

  it('A00.FR.005: never connects on a slot below the current security profile', () => {
    const { model, profiles } = station(2);
    expect(usableSlots(profiles.loadAll(), model).map((s) => s.configurationSlot)).toEqual([2, 3]);
  });
});
