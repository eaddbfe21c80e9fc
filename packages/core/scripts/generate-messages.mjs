// Generates packages/core/src/messages/generated/ from the official OCA OCPP 2.0.1 JSON schemas.
// Usage: node scripts/generate-messages.mjs [outDir]   (default: src/messages/generated)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitActions } from './messages/emit-actions.mjs';
import { emitTypes } from './messages/emit-types.mjs';
import { emitValidators } from './messages/emit-validators.mjs';
import { generatedHeader, loadOfficialSchemas } from './messages/official-schemas.mjs';

const defaultOutDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/messages/generated');
const outDir = resolve(process.argv[2] ?? defaultOutDir);

const { version, actions, entries } = loadOfficialSchemas();
const header = generatedHeader(version);
const validators = emitValidators(entries, header);
const files = {
  'types.ts': emitTypes(entries, header),
  'actions.ts': emitActions(actions, header),
  'validators.ts': validators.source,
};

mkdirSync(outDir, { recursive: true });
for (const [name, source] of Object.entries(files)) writeFileSync(resolve(outDir, name), source);
const { strictWarnings, droppedSchemaConstants } = validators.stats;
console.log(
  `generate-messages: ${entries.length} schemas, ${actions.length} actions from ocpp-rpc@${version} -> ${outDir} ` +
    `(${strictWarnings} known additionalItems strict warnings, ${droppedSchemaConstants} unused schema constants dropped)`,
);
