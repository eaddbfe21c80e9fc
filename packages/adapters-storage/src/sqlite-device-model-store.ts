import {
  StoreError,
  variableKey,
  type AttributeEnumType,
  type ComponentKey,
  type DataEnumType,
  type DeviceModelStorePort,
  type MutabilityEnumType,
  type StoredAttribute,
  type StoredVariable,
  type ValueSource,
  type VariableKey,
} from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface VariableRow {
  id: number;
  component_name: string;
  component_instance: string | null;
  evse_id: number | null;
  connector_id: number | null;
  variable_name: string;
  variable_instance: string | null;
  data_type: string;
  unit: string | null;
  min_limit: number | null;
  max_limit: number | null;
  values_list: string | null;
  supports_monitoring: number;
  reboot_required: number | null;
}

interface AttributeRow {
  variable_id: number;
  type: string;
  value: string | null;
  mutability: string;
  persistent: number;
  constant: number;
  source: string;
}

type VariableParams = Omit<VariableRow, 'id'> & { address: string };
type AttributeParams = Omit<AttributeRow, 'value'> & { value: string | null; position: number };

/** Only the keys whose column is not NULL, so absent optional fields stay absent (exactOptionalPropertyTypes). */
function present<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

function toVariable(row: VariableRow, attributes: StoredAttribute[]): StoredVariable {
  return {
    component: { name: row.component_name, ...present('instance', row.component_instance), ...present('evseId', row.evse_id), ...present('connectorId', row.connector_id) },
    variable: { name: row.variable_name, ...present('instance', row.variable_instance) },
    characteristics: {
      dataType: row.data_type as DataEnumType,
      ...present('unit', row.unit),
      ...present('minLimit', row.min_limit),
      ...present('maxLimit', row.max_limit),
      ...present('valuesList', row.values_list),
      supportsMonitoring: row.supports_monitoring === 1,
    },
    attributes,
    ...present('rebootRequired', row.reboot_required === null ? null : row.reboot_required === 1),
  };
}

function toAttribute(row: AttributeRow): StoredAttribute {
  return {
    type: row.type as AttributeEnumType,
    ...present('value', row.value),
    mutability: row.mutability as MutabilityEnumType,
    persistent: row.persistent === 1,
    constant: row.constant === 1,
    source: row.source as ValueSource,
  };
}

function toVariableParams(v: StoredVariable): VariableParams {
  const c = v.characteristics;
  return {
    address: variableKey(v.component, v.variable),
    component_name: v.component.name,
    component_instance: v.component.instance ?? null,
    evse_id: v.component.evseId ?? null,
    connector_id: v.component.connectorId ?? null,
    variable_name: v.variable.name,
    variable_instance: v.variable.instance ?? null,
    data_type: c.dataType,
    unit: c.unit ?? null,
    min_limit: c.minLimit ?? null,
    max_limit: c.maxLimit ?? null,
    values_list: c.valuesList ?? null,
    supports_monitoring: c.supportsMonitoring ? 1 : 0,
    reboot_required: v.rebootRequired === undefined ? null : v.rebootRequired ? 1 : 0,
  };
}

/** Device model store on SQLite (B05-B08, DESIGN §4): one row per variable and per attribute, each value with its source. */
export class SqliteDeviceModelStore implements DeviceModelStorePort {
  private readonly selectVariables;
  private readonly selectAttributes;
  private readonly upsertVariable;
  private readonly deleteAttributes;
  private readonly insertAttribute;
  private readonly updateAttribute;
  private readonly deleteVariable;
  private readonly saveAll;
  private readonly removeAll;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    this.selectVariables = db.prepare<[], VariableRow>('SELECT * FROM device_variable ORDER BY id');
    this.selectAttributes = db.prepare<[], AttributeRow>('SELECT * FROM device_attribute ORDER BY variable_id, position');
    this.upsertVariable = db.prepare<VariableParams, number>(
      `INSERT INTO device_variable (address, component_name, component_instance, evse_id, connector_id, variable_name, variable_instance,
         data_type, unit, min_limit, max_limit, values_list, supports_monitoring, reboot_required)
       VALUES (@address, @component_name, @component_instance, @evse_id, @connector_id, @variable_name, @variable_instance,
         @data_type, @unit, @min_limit, @max_limit, @values_list, @supports_monitoring, @reboot_required)
       ON CONFLICT (address) DO UPDATE SET component_name = excluded.component_name, component_instance = excluded.component_instance,
         evse_id = excluded.evse_id, connector_id = excluded.connector_id, variable_name = excluded.variable_name,
         variable_instance = excluded.variable_instance, data_type = excluded.data_type, unit = excluded.unit,
         min_limit = excluded.min_limit, max_limit = excluded.max_limit, values_list = excluded.values_list,
         supports_monitoring = excluded.supports_monitoring, reboot_required = excluded.reboot_required
       RETURNING id`,
    ).pluck();
    this.deleteAttributes = db.prepare<[number]>('DELETE FROM device_attribute WHERE variable_id = ?');
    this.insertAttribute = db.prepare<AttributeParams>(
      `INSERT INTO device_attribute (variable_id, position, type, value, mutability, persistent, constant, source)
       VALUES (@variable_id, @position, @type, @value, @mutability, @persistent, @constant, @source)`,
    );
    this.updateAttribute = db.prepare<{ address: string; type: string; value: string; source: string }>(
      `UPDATE device_attribute SET value = @value, source = @source
       WHERE type = @type AND variable_id = (SELECT id FROM device_variable WHERE address = @address)`,
    );
    this.deleteVariable = db.prepare<[string]>('DELETE FROM device_variable WHERE address = ?');
    this.saveAll = db.transaction((variables: readonly StoredVariable[]) => {
      for (const v of variables) this.saveOne(v);
    });
    this.removeAll = db.transaction((addresses: readonly string[]) => {
      for (const address of addresses) this.deleteVariable.run(address);
    });
  }

  loadAll(): StoredVariable[] {
    return guarded(this.context.file, 'loading the device model', () => {
      const attributes = new Map<number, StoredAttribute[]>();
      for (const row of this.selectAttributes.all()) {
        const list = attributes.get(row.variable_id) ?? [];
        list.push(toAttribute(row));
        attributes.set(row.variable_id, list);
      }
      return this.selectVariables.all().map((row) => toVariable(row, attributes.get(row.id) ?? []));
    });
  }

  saveVariables(variables: readonly StoredVariable[]): void {
    guarded(this.context.file, 'saving device model variables', () => this.saveAll.immediate(variables));
  }

  setAttributeValue(component: ComponentKey, variable: VariableKey, type: AttributeEnumType, value: string, source: ValueSource): void {
    const { changes } = guarded(this.context.file, 'writing an attribute value', () =>
      this.updateAttribute.run({ address: variableKey(component, variable), type, value, source }),
    );
    if (changes === 0) throw new StoreError('not-found', `No attribute ${type} of ${component.name}.${variable.name} in ${this.context.file}`, this.context.file);
  }

  removeVariables(keys: readonly { component: ComponentKey; variable: VariableKey }[]): void {
    const addresses = keys.map((k) => variableKey(k.component, k.variable));
    guarded(this.context.file, 'removing device model variables', () => this.removeAll.immediate(addresses));
  }

  private saveOne(v: StoredVariable): void {
    const id = this.upsertVariable.get(toVariableParams(v));
    if (id === undefined) throw new Error('upsert returned no id');
    this.deleteAttributes.run(id);
    v.attributes.forEach((a, position) =>
      this.insertAttribute.run({
        variable_id: id,
        position,
        type: a.type,
        value: a.value ?? null,
        mutability: a.mutability,
        persistent: a.persistent ? 1 : 0,
        constant: a.constant ? 1 : 0,
        source: a.source,
      }),
    );
  }
}
