import type { NetworkConnectionProfileType } from '../../messages/index.js';
import type { StoredVariable } from '../../ports/storage/device-model-store.port.js';
import { variableKey } from '../../storage-memory/store-keys.js';

/** A variable with every optional field present, including an empty-string value and an attribute without value. */
export const fullVariable: StoredVariable = {
  component: { name: 'EVSE', instance: 'main', evseId: 1, connectorId: 2 },
  variable: { name: 'Power', instance: 'L1' },
  characteristics: { dataType: 'decimal', unit: 'W', minLimit: -1.5, maxLimit: 22_000, valuesList: 'a,b,c', supportsMonitoring: true },
  attributes: [
    { type: 'Actual', value: '11000.5', mutability: 'ReadOnly', persistent: false, constant: false, source: 'station' },
    { type: 'Target', value: '', mutability: 'ReadWrite', persistent: true, constant: true, source: 'csms' },
    { type: 'MinSet', mutability: 'WriteOnly', persistent: true, constant: false, source: 'default' },
  ],
  rebootRequired: true,
};

/** A station-level variable with every optional field absent. */
export const minimalVariable: StoredVariable = {
  component: { name: 'OCPPCommCtrlr' },
  variable: { name: 'HeartbeatInterval' },
  characteristics: { dataType: 'integer', supportsMonitoring: false },
  attributes: [{ type: 'Actual', value: '300', mutability: 'ReadWrite', persistent: true, constant: false, source: 'config' }],
};

/** A variable whose `rebootRequired` is explicitly false (must come back false, not absent). */
export const notRebootVariable: StoredVariable = {
  component: { name: 'SecurityCtrlr', evseId: 0 },
  variable: { name: 'SecurityProfile' },
  characteristics: { dataType: 'integer', minLimit: 0, maxLimit: 3, supportsMonitoring: false },
  attributes: [{ type: 'Actual', value: '1', mutability: 'ReadOnly', persistent: true, constant: false, source: 'default' }],
  rebootRequired: false,
};

/** A network profile with every optional block (APN, VPN) present. */
export const fullNetworkProfile: NetworkConnectionProfileType = {
  customData: { vendorId: 'org.example', tier: 2, tags: ['a', 'b'] },
  ocppVersion: 'OCPP20',
  ocppTransport: 'JSON',
  ocppCsmsUrl: 'wss://csms.example.com/ocpp',
  messageTimeout: 30,
  securityProfile: 3,
  ocppInterface: 'Wireless0',
  apn: { apn: 'internet', apnAuthentication: 'CHAP', apnUserName: 'user', apnPassword: 'secret', simPin: 1234, preferredNetwork: '20408', useOnlyPreferredNetwork: true },
  vpn: { server: 'vpn.example.com', user: 'station', password: 'pw', key: 'k', type: 'IKEv2', group: 'g' },
};

/** A network profile with only the required fields. */
export const minimalNetworkProfile: NetworkConnectionProfileType = {
  ocppVersion: 'OCPP20',
  ocppTransport: 'JSON',
  ocppCsmsUrl: 'ws://127.0.0.1:9000/ocpp',
  messageTimeout: 10,
  securityProfile: 1,
  ocppInterface: 'Wired0',
};

/** Sorts variables by address, because the port does not promise an order for `loadAll`. */
export function byAddress(variables: StoredVariable[]): StoredVariable[] {
  return [...variables].sort((a, b) => variableKey(a.component, a.variable).localeCompare(variableKey(b.component, b.variable)));
}
