import { describe, expect, it } from 'vitest';
import type { ChargingProfileType, RequestStartTransactionRequest } from '../messages/index.js';
import { withoutUnsupportedProfile } from './remote-start.js';

const chargingProfile: ChargingProfileType = {
  id: 1,
  stackLevel: 0,
  chargingProfilePurpose: 'TxProfile',
  chargingProfileKind: 'Relative',
  chargingSchedule: [{ id: 1, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6 }] }],
};
const request: RequestStartTransactionRequest = { remoteStartId: 7, evseId: 1, idToken: { idToken: 'R1', type: 'Central' }, chargingProfile };

describe('remote start request told to the station', () => {
  it('F01.FR.12 (TC_K_38_CS): without Smart Charging the chargingProfile is dropped, the rest kept', () => {
    expect(withoutUnsupportedProfile(request, false)).toEqual({ remoteStartId: 7, evseId: 1, idToken: { idToken: 'R1', type: 'Central' } });
    expect(request.chargingProfile).toBe(chargingProfile);
  });

  it('F01.FR.12: with Smart Charging the chargingProfile is passed on unchanged', () => {
    expect(withoutUnsupportedProfile(request, true)).toEqual(request);
  });
});
