import type { ComponentDefinition, ConfigValue, StationLayout, VariableDefinition } from './definitions.js';

const AVAILABILITY_STATES = 'Available,Occupied,Reserved,Unavailable,Faulted';

const availabilityState: VariableDefinition = {
  variable: { name: 'AvailabilityState' },
  characteristics: { dataType: 'OptionList', valuesList: AVAILABILITY_STATES },
  attributes: [{ mutability: 'ReadOnly', persistent: false, value: 'Available' }],
  required: true,
  description: 'Current availability, kept up to date by the station.',
};

const available: VariableDefinition = {
  variable: { name: 'Available' },
  characteristics: { dataType: 'boolean' },
  attributes: [{ mutability: 'ReadOnly', value: 'true' }],
  required: true,
  description: 'The component exists.',
};

const supplyPhases: VariableDefinition = {
  variable: { name: 'SupplyPhases' },
  characteristics: { dataType: 'integer', minLimit: 0, maxLimit: 3 },
  attributes: [{ mutability: 'ReadOnly', constant: true }],
  required: true,
  description: 'Number of phases; 0 = DC. From the station layout.',
};

/** The EVSE and Connector components of a layout (TC_B_53_CS: EVSE and Connector variables per evse/connector). */
export function layoutComponents(layout: StationLayout): ComponentDefinition[] {
  const components: ComponentDefinition[] = [];
  for (const evse of layout.evses) {
    components.push({
      component: { name: 'EVSE', evseId: evse.id },
      variables: [
        availabilityState,
        available,
        {
          variable: { name: 'Power' },
          characteristics: { dataType: 'decimal', unit: 'W', minLimit: 0, maxLimit: evse.powerW },
          attributes: [{ mutability: 'ReadOnly', persistent: false, value: '0' }],
          required: true,
          description: 'Power delivered now; maxLimit is the EVSE maximum power.',
        },
        supplyPhases,
        {
          variable: { name: 'AllowReset' },
          characteristics: { dataType: 'boolean' },
          attributes: [{ mutability: 'ReadOnly', value: 'false' }],
          description: 'The EVSE can be reset on its own (B11, B12 with evseId).',
        },
      ],
    });
    for (const connector of evse.connectors) {
      components.push({
        component: { name: 'Connector', evseId: evse.id, connectorId: connector.id },
        variables: [
          availabilityState,
          available,
          {
            variable: { name: 'ConnectorType' },
            characteristics: { dataType: 'string' },
            attributes: [{ mutability: 'ReadOnly', constant: true }],
            required: true,
            description: 'A ConnectorEnumType value. From the station layout.',
          },
          supplyPhases,
        ],
      });
    }
  }
  return components;
}

/** The values a layout gives (source 'config'): SupplyPhases of station, EVSEs and connectors, ConnectorType. */
export function layoutValues(layout: StationLayout): ConfigValue[] {
  const values: ConfigValue[] = [{ component: { name: 'ChargingStation' }, variable: { name: 'SupplyPhases' }, value: String(layout.supplyPhases) }];
  for (const evse of layout.evses) {
    values.push({ component: { name: 'EVSE', evseId: evse.id }, variable: { name: 'SupplyPhases' }, value: String(evse.supplyPhases) });
    for (const connector of evse.connectors) {
      const component = { name: 'Connector', evseId: evse.id, connectorId: connector.id };
      values.push({ component, variable: { name: 'SupplyPhases' }, value: String(evse.supplyPhases) });
      values.push({ component, variable: { name: 'ConnectorType' }, value: connector.connectorType });
    }
  }
  return values;
}

/** Problems of the layout itself: ids must be positive, unique integers; each EVSE has a connector and a power > 0. */
export function checkLayout(layout: StationLayout): string[] {
  const problems: string[] = [];
  const isId = (n: number): boolean => Number.isInteger(n) && n > 0;
  const evseIds = new Set<number>();
  for (const evse of layout.evses) {
    if (!isId(evse.id)) problems.push(`layout: EVSE id ${evse.id} is not a positive integer`);
    if (evseIds.has(evse.id)) problems.push(`layout: EVSE id ${evse.id} appears twice`);
    evseIds.add(evse.id);
    if (!(evse.powerW > 0)) problems.push(`layout: EVSE ${evse.id} powerW ${evse.powerW} must be > 0 (EVSE.Power maxLimit)`);
    if (evse.connectors.length === 0) problems.push(`layout: EVSE ${evse.id} has no connector`);
    const connectorIds = new Set<number>();
    for (const connector of evse.connectors) {
      if (!isId(connector.id)) problems.push(`layout: EVSE ${evse.id} connector id ${connector.id} is not a positive integer`);
      if (connectorIds.has(connector.id)) problems.push(`layout: EVSE ${evse.id} connector id ${connector.id} appears twice`);
      connectorIds.add(connector.id);
    }
  }
  return problems;
}
