import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../testing/memory-logger.js';
import type { ComponentDefinition } from './definitions.js';
import { loadTestModel, testConfig, twoEvseLayout } from './device-model-test-kit.js';
import { layoutComponents } from './layout-components.js';
import { mergeDefinitions } from './merge-definitions.js';
import { sharedVariableIndex } from './shared-variable-index.js';
import { standardizedComponents } from './standardized/index.js';

const comm = { name: 'OCPPCommCtrlr' };

function definitions(layout = twoEvseLayout) {
  return mergeDefinitions(
    [
      { origin: 'standardized', components: standardizedComponents, mayReplace: false },
      { origin: 'layout', components: layoutComponents(layout), mayReplace: false },
    ],
    [],
    new MemoryLogger(),
  );
}

describe('device models of a fleet (issue 6 §5: definitions shared, values per station)', () => {
  it('shares one variable index between stations whose definitions are equal, not between different ones', () => {
    expect(sharedVariableIndex(definitions())).toBe(sharedVariableIndex(definitions()));
    const bigger = { ...twoEvseLayout, evses: twoEvseLayout.evses.map((e) => ({ ...e, powerW: e.powerW * 2 })) };
    const other = sharedVariableIndex(definitions(bigger));
    expect(other).not.toBe(sharedVariableIndex(definitions()));
    expect(other.find({ name: 'EVSE', evseId: 1 }, { name: 'Power' })?.characteristics.maxLimit).toBe(44_000);
  });

  it('still shares the variables two different layouts define alike (the standardized ones)', () => {
    const oneEvse = { ...twoEvseLayout, evses: twoEvseLayout.evses.slice(0, 1) };
    const small = sharedVariableIndex(definitions(oneEvse));
    const large = sharedVariableIndex(definitions());
    expect(small).not.toBe(large);
    expect(small.find(comm, { name: 'HeartbeatInterval' })).toBe(large.find(comm, { name: 'HeartbeatInterval' }));
    expect(small.find({ name: 'EVSE', evseId: 2 }, { name: 'Power' })).toBeUndefined();
    expect(large.find({ name: 'EVSE', evseId: 2 }, { name: 'Power' })?.characteristics.maxLimit).toBe(11_000);
  });

  it('B05/B06: a value the CSMS sets on one station is not seen by another station with the same definitions', () => {
    const a = loadTestModel();
    const b = loadTestModel();
    expect(a.model.setVariables([{ component: comm, variable: { name: 'HeartbeatInterval' }, attributeValue: '120' }])[0]?.attributeStatus).toBe('Accepted');
    b.model.setInternal(comm, { name: 'HeartbeatInterval' }, '900');
    expect(a.model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(120);
    expect(b.model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(900);
    expect(a.model.describe(comm, { name: 'HeartbeatInterval' })?.attributes[0]?.source).toBe('csms');
    expect(b.model.describe(comm, { name: 'HeartbeatInterval' })?.attributes[0]?.source).toBe('station');
    expect(loadTestModel().model.get('OCPPCommCtrlr', 'HeartbeatInterval')).not.toBe(120);
  });

  it('a dynamic value registered on one station does not answer for another', () => {
    const a = loadTestModel({ clock: null });
    const b = loadTestModel({ clock: null });
    a.model.registerDynamicValue({ name: 'EVSE', evseId: 1 }, { name: 'Power' }, () => '7400');
    expect(a.model.getRaw({ name: 'EVSE', evseId: 1 }, { name: 'Power' })).toBe('7400');
    expect(b.model.getRaw({ name: 'EVSE', evseId: 1 }, { name: 'Power' })).toBe('0');
  });

  it("a change listener cannot alter the shared definitions through the change it is given (another station's model stays whole)", () => {
    const addition: ComponentDefinition = { component: { name: 'FanCtrlr' }, variables: [{ variable: { name: 'Speed' }, characteristics: { dataType: 'integer' }, attributes: [{ mutability: 'ReadWrite', value: '1' }] }] };
    const a = loadTestModel({ config: testConfig({ additions: [addition] }) });
    const b = loadTestModel({ config: testConfig({ additions: [addition] }) });
    a.model.onVariableChanged((change) => {
      change.component.name = 'Hijacked';
    });
    a.model.setVariables([{ component: { name: 'FanCtrlr' }, variable: { name: 'Speed' }, attributeValue: '2' }]);
    expect(a.logger.entries.some((e) => e.level === 'error' && e.message.includes('listener failed'))).toBe(true);
    expect(b.model.getValue({ name: 'FanCtrlr' }, { name: 'Speed' })).toBe(1);
    expect(a.model.getValue({ name: 'FanCtrlr' }, { name: 'Speed' })).toBe(2);
    expect(b.model.has({ name: 'Hijacked' }, { name: 'Speed' })).toBe(false);
  });
});
