import type {
  AttributeEnumType,
  ComponentCriterionEnumType,
  ComponentVariableType,
  GetVariableDataType,
  GetVariableResultType,
  ReportBaseEnumType,
  ReportDataType,
  SetVariableDataType,
  SetVariableResultType,
} from '../messages/index.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { ComponentKey, DeviceModelStorePort, ValueSource, VariableKey } from '../ports/storage/device-model-store.port.js';
import { echoComponent, echoVariable, nameLookupKey, normalizeComponent, normalizeVariable, variableLabel } from './addressing.js';
import type { AttributeValues } from './attribute-values.js';
import type { DeviceModelConfig } from './definitions.js';
import { DeviceModelValueError } from './device-model-value-error.js';
import { getVariables } from './get-variables.js';
import type { KnownComponent, KnownVariable, KnownVariableValue } from './known-variables.js';
import { loadDeviceModel, type LoadedModel } from './load-device-model.js';
import type { ModelReader } from './model-reader.js';
import { baseReport, customReport } from './reports.js';
import { decideSet, type SetContext } from './set-variables.js';
import { toTypedValue, type VariableValue } from './typed-values.js';
import { checkValue } from './value-rules.js';
import type { VariableChange, VariableValidator } from './variable-change.js';
import { describeVariable, type VariableDescription } from './variable-description.js';
import type { ModelAttribute, ModelVariable, VariableIndex } from './variable-index.js';

/** The ports the device model uses; with a clock, ClockCtrlr.DateTime reads the clock. */
export interface DeviceModelDeps {
  store: DeviceModelStorePort;
  logger: LoggerPort;
  clock?: ClockPort;
}

/** Where a typed read looks: component instance and tier, variable instance, attribute (default Actual). */
export interface VariableAddress {
  instance?: string;
  evseId?: number;
  connectorId?: number;
  variableInstance?: string;
  attributeType?: AttributeEnumType;
}

/** Schema maximum of GetVariableResultType.attributeValue and VariableAttributeType.value. */
const REPORTING_VALUE_MAX = 2500;
/** Schema maximum of SetVariableDataType.attributeValue. */
const CONFIGURATION_VALUE_MAX = 1000;

/**
 * The station's device model (B05-B08): components, variables, attributes and characteristics loaded from data and
 * merged with the store; SetVariables/GetVariables rules, base and custom reports, typed access for the core.
 * The definitions are shared with every station that defines the same; a station holds its values only (issue 6 §5).
 */
export class DeviceModel {
  private readonly logger: LoggerPort;
  private readonly index: VariableIndex;
  private readonly values: AttributeValues;
  private readonly listeners = new Set<(change: VariableChange) => void>();
  private readonly validators = new Map<string, VariableValidator[]>();
  /** Providers by attribute slot. */
  private readonly dynamicValues = new Map<number, () => string>();
  private readonly reader: ModelReader;
  private readonly setContext: SetContext;

  private constructor(
    private readonly store: DeviceModelStorePort,
    logger: LoggerPort,
    loaded: LoadedModel,
  ) {
    this.logger = logger;
    this.index = loaded.index;
    this.values = loaded.values;
    this.reader = {
      index: this.index,
      valueOf: (variable, attribute) => this.valueOf(variable, attribute),
      reportingValueSize: () => this.sizeLimit('ReportingValueSize', REPORTING_VALUE_MAX),
    };
    this.setContext = {
      index: this.index,
      configurationValueSize: () => this.sizeLimit('ConfigurationValueSize', CONFIGURATION_VALUE_MAX),
      storedValue: (attribute) => this.values.value(attribute),
      validatorsFor: (component, variable) => this.validators.get(nameLookupKey(component.name, variable.name)) ?? [],
    };
  }

  /** Loads and merges the device model (issue 3 §2); throws DeviceModelConfigError naming component and variable. */
  static load(deps: DeviceModelDeps, config: DeviceModelConfig): DeviceModel {
    const logger = deps.logger.child({ component: 'DeviceModel' });
    const model = new DeviceModel(deps.store, logger, loadDeviceModel({ store: deps.store, logger }, config));
    const clock = deps.clock;
    if (clock !== undefined) model.registerDynamicValue({ name: 'ClockCtrlr' }, { name: 'DateTime' }, () => clock.now().toISOString());
    return model;
  }

  /** Typed read for the core: integer/decimal → number, boolean → boolean, lists → string[], others → string. WriteOnly values are returned (internal use). */
  get<C extends KnownComponent, V extends KnownVariable<C>>(component: C, variable: V, address: VariableAddress = {}): KnownVariableValue<C, V> | undefined {
    const componentKey: ComponentKey = { name: component };
    if (address.instance !== undefined) componentKey.instance = address.instance;
    if (address.evseId !== undefined) componentKey.evseId = address.evseId;
    if (address.connectorId !== undefined) componentKey.connectorId = address.connectorId;
    const variableKey: VariableKey = address.variableInstance === undefined ? { name: variable } : { name: variable, instance: address.variableInstance };
    return this.getValue(componentKey, variableKey, address.attributeType) as KnownVariableValue<C, V> | undefined;
  }

  /** Typed read of any variable, e.g. the station's additions (same conversion as get). */
  getValue(component: ComponentKey, variable: VariableKey, attributeType: AttributeEnumType = 'Actual'): VariableValue | undefined {
    const found = this.index.find(normalizeComponent(component), variable);
    const text = found === undefined ? undefined : this.textOf(found, attributeType);
    return found === undefined || text === undefined ? undefined : toTypedValue(found.characteristics.dataType, text);
  }

  /** The attribute's value as text, undefined when the variable, attribute or value does not exist; WriteOnly values are returned. */
  getRaw(component: ComponentKey, variable: VariableKey, attributeType: AttributeEnumType = 'Actual'): string | undefined {
    const found = this.index.find(normalizeComponent(component), variable);
    return found === undefined ? undefined : this.textOf(found, attributeType);
  }

  /** Whether the variable exists at exactly this component address. */
  has(component: ComponentKey, variable: VariableKey): boolean {
    return this.index.find(normalizeComponent(component), variable) !== undefined;
  }

  /** The variable's definition facts (characteristics, attributes without values), e.g. EVSE.Power maxLimit; undefined when it does not exist. */
  describe(component: ComponentKey, variable: VariableKey): VariableDescription | undefined {
    const found = this.index.find(normalizeComponent(component), variable);
    return found === undefined ? undefined : describeVariable(found, this.values);
  }

  /** Answers GetVariablesRequest items (B06; TC_B_06, 07, 32-34). */
  getVariables(data: readonly GetVariableDataType[]): GetVariableResultType[] {
    return getVariables(this.reader, data);
  }

  /**
   * Applies SetVariablesRequest items (B05; TC_B_09-11, 35-37, 39): each accepted change is stored with its source,
   * then, after the whole request is stored, emitted to onVariableChanged listeners.
   */
  setVariables(data: readonly SetVariableDataType[], source: ValueSource = 'csms'): SetVariableResultType[] {
    const changes: VariableChange[] = [];
    const results = data.map((item): SetVariableResultType => {
      const result: SetVariableResultType = { component: echoComponent(item.component), variable: echoVariable(item.variable), attributeStatus: 'Accepted' };
      if (item.attributeType !== undefined) result.attributeType = item.attributeType;
      const decision = decideSet(this.setContext, item);
      switch (decision.kind) {
        case 'answer':
          result.attributeStatus = decision.status;
          if (decision.statusInfo !== undefined) result.attributeStatusInfo = decision.statusInfo;
          return result;
        case 'same':
          this.recordSource(decision.variable, decision.attribute, source);
          return result;
        case 'write':
          try {
            const change = this.commit(decision.variable, decision.attribute, decision.value, source);
            if (decision.variable.rebootRequired) change.rebootRequired = true;
            changes.push(change);
            result.attributeStatus = decision.status;
          } catch (error) {
            this.logger.error({ variable: variableLabel(decision.variable.component, decision.variable.variable), err: error }, 'device model: storing a SetVariables value failed');
            result.attributeStatus = 'Rejected';
            result.attributeStatusInfo = { reasonCode: 'InternalError', additionalInfo: 'The value could not be stored' };
          }
          return result;
      }
    });
    this.emit(changes);
    return results;
  }

  /**
   * Station-side update (source 'station'), e.g. AvailabilityState, SecurityProfile, HeartbeatInterval from
   * BootNotification: ignores mutability, but throws DeviceModelValueError for an unknown variable, a constant
   * attribute or a value that breaks the characteristics. Validators are not run.
   */
  setInternal(component: ComponentKey, variable: VariableKey, value: string, attributeType: AttributeEnumType = 'Actual'): void {
    const found = this.index.find(normalizeComponent(component), variable);
    const label = variableLabel(normalizeComponent(component), normalizeVariable(variable));
    if (found === undefined) throw new DeviceModelValueError(`${label}: not defined`);
    const attribute = found.attributes.find((a) => a.type === attributeType);
    if (attribute === undefined) throw new DeviceModelValueError(`${label}: has no ${attributeType} attribute`);
    if (attribute.constant) throw new DeviceModelValueError(`${label}: ${attributeType} is constant`);
    const problem = checkValue(value, found.characteristics);
    if (problem !== undefined) throw new DeviceModelValueError(`${label}: invalid ${found.characteristics.dataType} value: ${problem.message}`);
    if (value === this.values.value(attribute)) {
      this.recordSource(found, attribute, 'station');
      return;
    }
    this.emit([this.commit(found, attribute, value, 'station')]);
  }

  /** Adds a semantic check to SetVariables for every instance of this component/variable name (B05; e.g. B10 slots exist). */
  registerValidator(component: string, variable: string, validator: VariableValidator): void {
    const key = nameLookupKey(component, variable);
    this.validators.set(key, [...(this.validators.get(key) ?? []), validator]);
  }

  /** Makes an attribute's value computed at read time (never stored), e.g. ClockCtrlr.DateTime; throws when not defined. */
  registerDynamicValue(component: ComponentKey, variable: VariableKey, provider: () => string, attributeType: AttributeEnumType = 'Actual'): void {
    const attribute = this.index.find(normalizeComponent(component), variable)?.attributes.find((a) => a.type === attributeType);
    if (attribute === undefined) {
      throw new DeviceModelValueError(`${variableLabel(normalizeComponent(component), normalizeVariable(variable))}: no ${attributeType} attribute to make dynamic`);
    }
    this.dynamicValues.set(attribute.slot, provider);
  }

  /** B07 GetBaseReport data: ConfigurationInventory, FullInventory or SummaryInventory (TC_B_12-14, TC_B_53). */
  baseReport(reportBase: ReportBaseEnumType): ReportDataType[] {
    return baseReport(this.reader, reportBase);
  }

  /** B08 GetReport data by componentCriteria and componentVariable; an empty array means EmptyResultSet. */
  report(componentCriteria?: readonly ComponentCriterionEnumType[], componentVariables?: readonly ComponentVariableType[]): ReportDataType[] {
    return customReport(this.reader, componentCriteria, componentVariables);
  }

  /** Subscribes to stored changes (CSMS and station); returns the unsubscribe function. Listeners run synchronously. */
  onVariableChanged(listener: (change: VariableChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The value of the variable's attribute of this type, undefined when it has no such attribute or no value. */
  private textOf(variable: ModelVariable, attributeType: AttributeEnumType): string | undefined {
    const attribute = variable.attributes.find((a) => a.type === attributeType);
    return attribute === undefined ? undefined : this.valueOf(variable, attribute);
  }

  private valueOf(variable: ModelVariable, attribute: ModelAttribute): string | undefined {
    const provider = this.dynamicValues.get(attribute.slot);
    if (provider === undefined) return this.values.value(attribute);
    try {
      return provider();
    } catch (error) {
      this.logger.error({ variable: variableLabel(variable.component, variable.variable), err: error }, 'device model: dynamic value provider failed');
      return this.values.value(attribute);
    }
  }

  /** DeviceDataCtrlr.<name>, else ValueSize, capped by the schema maximum. */
  private sizeLimit(name: 'ReportingValueSize' | 'ConfigurationValueSize', schemaMax: number): number {
    const component = { name: 'DeviceDataCtrlr' };
    const text = this.getRaw(component, { name }) ?? this.getRaw(component, { name: 'ValueSize' });
    const limit = text === undefined ? schemaMax : Number(text);
    return Number.isFinite(limit) && limit > 0 ? Math.min(limit, schemaMax) : schemaMax;
  }

  /** Stores the value with its source (persistent attributes only), then updates memory; returns the change. */
  private commit(variable: ModelVariable, attribute: ModelAttribute, value: string, source: ValueSource): VariableChange {
    if (attribute.persistent) this.store.setAttributeValue(variable.component, variable.variable, attribute.type, value, source);
    const change: VariableChange = { component: variable.component, variable: variable.variable, attributeType: attribute.type, oldValue: this.values.value(attribute), newValue: value, source };
    this.values.set(attribute, value, source);
    return change;
  }

  /** The same value set again by another party: only its source changes (so a CSMS-set value survives config changes). */
  private recordSource(variable: ModelVariable, attribute: ModelAttribute, source: ValueSource): void {
    const value = this.values.value(attribute);
    if (this.values.source(attribute) === source || value === undefined) return;
    try {
      if (attribute.persistent) this.store.setAttributeValue(variable.component, variable.variable, attribute.type, value, source);
      this.values.setSource(attribute, source);
    } catch (error) {
      this.logger.warn({ variable: variableLabel(variable.component, variable.variable), err: error }, 'device model: storing the source of an unchanged value failed');
    }
  }

  private emit(changes: readonly VariableChange[]): void {
    for (const change of changes) {
      for (const listener of [...this.listeners]) {
        try {
          listener(change);
        } catch (error) {
          this.logger.error({ variable: variableLabel(change.component, change.variable), err: error }, 'device model: variable change listener failed');
        }
      }
    }
  }
}
