// Emits generated/types.ts: one TypeScript type per schema definition and one interface per message.
import { compareStrings } from './official-schemas.mjs';

/** Keywords that only constrain values; they do not change the TypeScript type. */
const CONSTRAINT_KEYWORDS = new Set(['description', 'maxLength', 'minItems', 'maxItems', 'additionalItems', 'format', 'default', 'minimum', 'maximum']);
const MAX_DOC_LENGTH = 160;
const MAX_LINE = 100;

/** Returns the source of types.ts for the given sorted schema entries. */
export function emitTypes(entries, header) {
  const definitions = collectDefinitions(entries);
  for (const { name } of entries) {
    if (definitions.has(name)) throw new Error(`definition ${name} collides with the message type of the same name`);
  }
  const blocks = [];
  for (const [name, { schema, description }] of [...definitions].sort(([a], [b]) => compareStrings(a, b))) {
    blocks.push(emitDefinition(name, schema, description, `definitions/${name}`));
  }
  for (const { action, kind, name, schema } of entries) {
    blocks.push(emitObject(name, schema, `${action} ${kind} payload.`, name));
  }
  return `${header}\n// One type per definition of the official schemas (deduplicated by name) and one interface per message.\n\n${blocks.join('\n\n')}\n`;
}

/**
 * Merges the definitions that every schema repeats. Two copies must be identical apart from their
 * descriptions; a description that differs between copies is context-specific and is left out.
 */
function collectDefinitions(entries) {
  const merged = new Map();
  for (const { name: schemaName, schema } of entries) {
    for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
      const shape = canonical(definition);
      const seen = merged.get(name);
      if (!seen) {
        merged.set(name, { schema: definition, shape, description: definition.description, from: schemaName });
      } else if (seen.shape !== shape) {
        throw new Error(`definition ${name} differs between ${seen.from} and ${schemaName}: refusing to merge`);
      } else if (seen.description !== definition.description) {
        seen.description = undefined;
      }
    }
  }
  return merged;
}

/** JSON with sorted keys and without descriptions: equal strings mean structurally equal schemas. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => k !== 'description').sort(compareStrings);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function emitDefinition(name, schema, description, where) {
  if (schema.type === 'object') return emitObject(name, schema, docText(description), where);
  if (schema.type === 'string' && Array.isArray(schema.enum)) {
    checkKeywords(schema, ['type', 'enum'], where);
    const members = schema.enum.map(literal);
    const oneLine = `export type ${name} = ${members.join(' | ')};`;
    const body = oneLine.length <= MAX_LINE ? oneLine : `export type ${name} =\n${members.map((m) => `  | ${m}`).join('\n')};`;
    return `${doc(docText(description), '')}${body}`;
  }
  throw new Error(`${where}: unsupported definition (type ${JSON.stringify(schema.type)})`);
}

function emitObject(name, schema, docTextValue, where) {
  checkKeywords(schema, ['type', 'properties', 'required', 'additionalProperties', '$schema', '$id', 'definitions'], where);
  if (schema.type !== 'object') throw new Error(`${where}: expected an object schema`);
  const required = new Set(schema.required ?? []);
  const properties = Object.entries(schema.properties ?? {});
  for (const key of required) {
    if (!properties.some(([p]) => p === key)) throw new Error(`${where}: required property ${key} is not declared`);
  }
  const lines = properties.map(([prop, propSchema]) => {
    const optional = required.has(prop) ? '' : '?';
    return `${doc(docText(propSchema.description), '  ')}  ${propertyKey(prop)}${optional}: ${typeExpression(propSchema, `${where}.${prop}`)};`;
  });
  if (schema.additionalProperties !== false) {
    if (schema.additionalProperties !== undefined) throw new Error(`${where}: only additionalProperties false or absent is supported`);
    lines.push('  /** The schema allows additional properties here. */\n  [key: string]: unknown;');
  }
  return `${doc(docTextValue, '')}export interface ${name} {\n${lines.join('\n')}\n}`;
}

function typeExpression(schema, where) {
  if (schema.$ref !== undefined) {
    checkKeywords(schema, ['$ref'], where);
    const match = /^#\/definitions\/([A-Za-z0-9_]+)$/.exec(schema.$ref);
    if (!match) throw new Error(`${where}: unsupported $ref ${schema.$ref}`);
    return match[1];
  }
  checkKeywords(schema, ['type', 'items', 'enum'], where);
  switch (schema.type) {
    case 'string':
      return Array.isArray(schema.enum) ? schema.enum.map(literal).join(' | ') : 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case undefined:
      // An untyped property (DataTransfer `data`) accepts any JSON value.
      return 'unknown';
    case 'array': {
      const item = typeExpression(schema.items ?? {}, `${where}[]`);
      return item.includes('|') ? `(${item})[]` : `${item}[]`;
    }
    default:
      throw new Error(`${where}: unsupported property type ${JSON.stringify(schema.type)}`);
  }
}

/** Fails on any keyword the emitter does not understand, so a new schema construct is never silently mistyped. */
function checkKeywords(schema, allowed, where) {
  for (const key of Object.keys(schema)) {
    if (!allowed.includes(key) && !CONSTRAINT_KEYWORDS.has(key)) throw new Error(`${where}: unsupported keyword ${key}`);
  }
}

function literal(value) {
  if (typeof value !== 'string') throw new Error(`unsupported enum value ${JSON.stringify(value)}`);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function propertyKey(name) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${name}'`;
}

/**
 * One line of TSDoc from an OCA description: drops the data-dictionary name and `urn:x-oca` lines
 * that precede the actual text, joins the rest and trims it to MAX_DOC_LENGTH characters.
 */
function docText(description) {
  if (typeof description !== 'string') return undefined;
  const lines = description.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const lastUrn = lines.findLastIndex((l) => /^urn:/.test(l));
  let text = lines.slice(lastUrn + 1).join(' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (text.length > MAX_DOC_LENGTH) {
    const cut = text.slice(0, MAX_DOC_LENGTH - 1);
    const space = cut.lastIndexOf(' ');
    text = `${(space > MAX_DOC_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
  }
  return text.replace(/\*\//g, '*\\/');
}

function doc(text, indent) {
  return text ? `${indent}/** ${text} */\n` : '';
}
