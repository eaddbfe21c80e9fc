import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ComponentDefinition } from './definitions.js';
import { loadTestModel, twoEvseLayout } from './device-model-test-kit.js';
import { knownVariableKinds } from './known-variables.js';
import { layoutComponents } from './layout-components.js';
import { standardizedComponents } from './standardized/index.js';
import { valueKindOf } from './typed-values.js';

/** Known variables a station may add but the standardized data does not define. */
const OPTIONAL_KNOWN = ['ClockCtrlr.TimeAdjustmentReportingThreshold'];

const definitions: readonly ComponentDefinition[] = [...standardizedComponents, ...layoutComponents(twoEvseLayout)];
const kinds: Readonly<Record<string, Readonly<Record<string, string>>>> = knownVariableKinds;

describe('KnownVariables matches the definitions (typed access, issue 3 §2)', () => {
  it('every known variable has the kind of its dataType, in every definition of it', () => {
    const undefinedKnown: string[] = [];
    for (const [component, variables] of Object.entries(kinds)) {
      for (const [variable, kind] of Object.entries(variables)) {
        const found = definitions.filter((d) => d.component.name === component).flatMap((d) => d.variables.filter((v) => v.variable.name === variable));
        if (found.length === 0) undefinedKnown.push(`${component}.${variable}`);
        for (const definition of found) expect(valueKindOf(definition.characteristics.dataType), `${component}.${variable}`).toBe(kind);
      }
    }
    expect(undefinedKnown).toEqual(OPTIONAL_KNOWN);
  });

  it('every standardized and layout variable is known', () => {
    for (const definition of definitions) {
      for (const v of definition.variables) expect(kinds[definition.component.name]?.[v.variable.name], `${definition.component.name}.${v.variable.name}`).toBeDefined();
    }
  });

  it('get() is typed by the table (checked by tsc)', () => {
    const { model } = loadTestModel();
    expectTypeOf(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toEqualTypeOf<number | undefined>();
    expectTypeOf(model.get('EVSE', 'Power', { evseId: 1 })).toEqualTypeOf<number | undefined>();
    expectTypeOf(model.get('TxCtrlr', 'TxStartPoint')).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(model.get('AuthCtrlr', 'LocalPreAuthorize')).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(model.get('Connector', 'ConnectorType', { evseId: 1, connectorId: 1 })).toEqualTypeOf<string | undefined>();
    // @ts-expect-error: not a variable of OCPPCommCtrlr
    expect(model.get('OCPPCommCtrlr', 'HeartBeatIntervall')).toBeUndefined();
  });
});
