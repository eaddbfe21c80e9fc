// Emits generated/validators.ts: ajv standalone code, one validate function per official schema,
// compiled ahead of time so a station never compiles the 128 schemas at boot (DESIGN 3.1).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const addFormats = require('ajv-formats').default;

/**
 * The one strict-mode complaint the official schemas raise: 33 of them put `additionalItems: false`
 * next to a single `items` schema. JSON Schema draft-07 ignores additionalItems there, and so does
 * ajv; strict mode merely refuses the no-op. Any other strict-mode message still fails the generator.
 */
export const KNOWN_STRICT_WARNING = 'strict mode: "additionalItems" is ignored when "items" is not an array of schemas';

/** Runtime modules the standalone code may require; anything else fails the generator. */
const ALLOWED_REQUIRES = [/^ajv\/dist\/runtime\/[a-z0-9_]+$/, /^ajv-formats\/dist\/formats$/];

/** The helper `requiresToImports` relies on; `require(x)` becomes `__cjs(namespaceOfX)`. */
const CJS_INTEROP = [
  '/** module.exports of a CommonJS module imported as a namespace (Node: on `default`; __esModule-aware loaders: the namespace). */',
  'function __cjs(ns) {',
  '  const d = ns.default;',
  '  return d !== null && (typeof d === "object" || typeof d === "function") && d.__esModule === true ? d : ns;',
  '}',
].join('\n');

/** Returns the source of validators.ts and statistics about the compilation. */
export function emitValidators(entries, header) {
  const warnings = [];
  const ajv = new Ajv({
    strict: true,
    // Downgrades strict-schema errors to warnings only so the additionalItems no-op above passes; the
    // logger below turns every other warning back into a failure. Validation is exactly the official schemas.
    strictSchema: 'log',
    // The first error is enough to answer a CALLERROR, and stopping there is faster.
    allErrors: false,
    logger: {
      log() {},
      warn: (...args) => warnings.push(args.join(' ')),
      error: (...args) => {
        throw new Error(`ajv: ${args.join(' ')}`);
      },
    },
    // ajv-formats builds this reference with its own copy of ajv's codegen, which this ajv does not
    // recognise (it would be serialised as JSON); setting it here keeps the emitted code valid.
    code: { source: true, esm: true, lines: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);

  for (const { name, schema } of entries) {
    // ajv 8.20 cannot serialise the official `$id: "urn:Authorize.req"` (a URN without a namespace id),
    // so the schema is added without $id, under its export name. Only `#/definitions/...` refs occur.
    const { $id: _officialId, ...withoutId } = schema;
    ajv.addSchema(withoutId, name);
  }
  const exported = {};
  for (const { name } of entries) exported[name] = name;
  const raw = standaloneCode(ajv, exported);

  const unexpected = warnings.filter((w) => w !== KNOWN_STRICT_WARNING);
  if (unexpected.length > 0) throw new Error(`ajv strict mode:\n${unexpected.join('\n')}`);

  const { code, dropped } = dropUnusedSchemaConstants(raw.replace(/^"use strict";\n/, ''));
  const { imports, body } = requiresToImports(code);
  const source = [
    header,
    '// @ts-nocheck -- ajv standalone code; the typed API is ../validators.ts.',
    '// Each export validates one payload against its official OCA schema (ajv 8, draft-07, formats from ajv-formats).',
    ...imports,
    body.trimEnd(),
    '',
  ].join('\n');
  return { source, stats: { strictWarnings: warnings.length, droppedSchemaConstants: dropped } };
}

/**
 * ajv emits a `const schemaN = {...};` line for every schema object it touched, but the code reads
 * only a few of them (enum lists, error params). Dropping the unread ones saves about a quarter of the file.
 */
function dropUnusedSchemaConstants(code) {
  const lines = code.split('\n');
  const counts = new Map();
  for (const m of code.matchAll(/\bschema\d+\b/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  let dropped = 0;
  const kept = lines.filter((line) => {
    const m = /^const (schema\d+) = (.*);$/.exec(line);
    if (!m || counts.get(m[1]) !== 1) return true;
    JSON.parse(m[2]); // throws if the line is not exactly one JSON literal
    dropped += 1;
    return false;
  });
  return { code: kept.join('\n'), dropped };
}

/**
 * ajv's "esm" output still reads its runtime helpers with require(). Each required CommonJS module
 * becomes a namespace import plus `__cjs(namespace)`, which yields its module.exports under every
 * interop: Node ESM puts module.exports on `default`, vitest (like bundlers) honours `__esModule` and
 * puts `exports.default` there instead. Specifiers get `.js` because Node ESM adds no extensions.
 */
function requiresToImports(code) {
  const specifiers = [...new Set([...code.matchAll(/require\("([^"\\]+)"\)/g)].map((m) => m[1]))].sort();
  const imports = [];
  let body = code;
  for (const specifier of specifiers) {
    if (!ALLOWED_REQUIRES.some((re) => re.test(specifier))) throw new Error(`unexpected require in ajv output: ${specifier}`);
    const local = `__${specifier.replace(/[^A-Za-z0-9]+/g, '_')}`;
    imports.push(`import * as ${local} from '${specifier}.js';`);
    body = body.split(`require("${specifier}")`).join(`__cjs(${local})`);
  }
  if (specifiers.length > 0) imports.push(CJS_INTEROP);
  if (/\brequire\(/.test(body.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) throw new Error('ajv output still calls require()');
  return { imports, body };
}
