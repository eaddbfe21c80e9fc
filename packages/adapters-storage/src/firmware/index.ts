export { NodeFirmwareVerifier } from './node-firmware-verifier.js';
