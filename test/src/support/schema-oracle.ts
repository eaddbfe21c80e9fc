import { createRequire } from 'node:module';

interface OcppRpcValidator {
  subprotocol: string;
  validate(schemaId: string, params: unknown): unknown;
}

const validators = createRequire(import.meta.url)('ocpp-rpc/lib/standard-validators.js') as OcppRpcValidator[];
const ocpp201 = validators.find((v) => v.subprotocol === 'ocpp2.0.1');
if (ocpp201 === undefined) throw new Error('ocpp-rpc has no ocpp2.0.1 validator');

/**
 * An independent judge of payload validity: ocpp-rpc's own ajv build of the official schemas (not our generated
 * validators), so the fuzz and conformance tests do not grade our code with our code.
 */
export function oracleAccepts(action: string, kind: 'req' | 'conf', payload: unknown): boolean {
  try {
    ocpp201!.validate(`urn:${action}.${kind}`, payload);
    return true;
  } catch {
    return false;
  }
}
