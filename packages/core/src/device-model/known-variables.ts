import type { ValueOfKind, VariableValueKind } from './typed-values.js';

/**
 * The standardized components and variables the core reads, with the kind of each value (typed access, issue 3 §2).
 * Hand-written; known-variables.test.ts checks it against the definitions' dataTypes in both directions (a few
 * optional standardized variables a station may add are listed without being defined; `get` returns undefined then).
 */
export const knownVariableKinds = {
  OCPPCommCtrlr: {
    ActiveNetworkProfile: 'number',
    FileTransferProtocols: 'list',
    HeartbeatInterval: 'number',
    MessageTimeout: 'number',
    MessageAttemptInterval: 'number',
    MessageAttempts: 'number',
    NetworkConfigurationPriority: 'list',
    NetworkProfileConnectionAttempts: 'number',
    OfflineThreshold: 'number',
    ResetRetries: 'number',
    UnlockOnEVSideDisconnect: 'boolean',
    RetryBackOffRepeatTimes: 'number',
    RetryBackOffRandomRange: 'number',
    RetryBackOffWaitMinimum: 'number',
    WebSocketPingInterval: 'number',
    QueueAllMessages: 'boolean',
    MessageTypesDiscardForQueueing: 'list',
  },
  SecurityCtrlr: {
    SecurityProfile: 'number',
    OrganizationName: 'string',
    Identity: 'string',
    CertificateEntries: 'number',
    BasicAuthPassword: 'string',
    AdditionalRootCertificateCheck: 'boolean',
    CertSigningWaitMinimum: 'number',
    CertSigningRepeatTimes: 'number',
    AllowCSMSTLSWildcards: 'boolean',
  },
  AuthCtrlr: {
    Enabled: 'boolean',
    AuthorizeRemoteStart: 'boolean',
    LocalAuthorizeOffline: 'boolean',
    LocalPreAuthorize: 'boolean',
    DisableRemoteAuthorization: 'boolean',
    OfflineTxForUnknownIdEnabled: 'boolean',
  },
  AuthCacheCtrlr: {
    Available: 'boolean',
    Enabled: 'boolean',
    LifeTime: 'number',
    Policy: 'string',
    Storage: 'number',
    DisablePostAuthorize: 'boolean',
  },
  TxCtrlr: {
    EVConnectionTimeOut: 'number',
    StopTxOnEVSideDisconnect: 'boolean',
    StopTxOnInvalidId: 'boolean',
    TxStartPoint: 'list',
    TxStopPoint: 'list',
    TxBeforeAcceptedEnabled: 'boolean',
  },
  SampledDataCtrlr: {
    Enabled: 'boolean',
    Available: 'boolean',
    TxStartedMeasurands: 'list',
    TxUpdatedMeasurands: 'list',
    TxEndedMeasurands: 'list',
    TxUpdatedInterval: 'number',
    TxEndedInterval: 'number',
    RegisterValuesWithoutPhases: 'boolean',
    SignReadings: 'boolean',
  },
  AlignedDataCtrlr: {
    Enabled: 'boolean',
    Available: 'boolean',
    Measurands: 'list',
    Interval: 'number',
    TxEndedMeasurands: 'list',
    TxEndedInterval: 'number',
    SendDuringIdle: 'boolean',
    SignReadings: 'boolean',
  },
  DeviceDataCtrlr: {
    BytesPerMessage: 'number',
    ItemsPerMessage: 'number',
    ConfigurationValueSize: 'number',
    ReportingValueSize: 'number',
    ValueSize: 'number',
  },
  ClockCtrlr: {
    DateTime: 'string',
    TimeSource: 'list',
    /** Optional: not in the standardized data; a station adds it to have SettingSystemTime reported. */
    TimeAdjustmentReportingThreshold: 'number',
  },
  ChargingStation: {
    AvailabilityState: 'string',
    Available: 'boolean',
    SupplyPhases: 'number',
    Problem: 'boolean',
    AllowNewSessionsPendingFirmwareUpdate: 'boolean',
  },
  EVSE: {
    AvailabilityState: 'string',
    Available: 'boolean',
    Power: 'number',
    SupplyPhases: 'number',
    AllowReset: 'boolean',
  },
  Connector: {
    AvailabilityState: 'string',
    Available: 'boolean',
    ConnectorType: 'string',
    SupplyPhases: 'number',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, VariableValueKind>>>>;

type Kinds = typeof knownVariableKinds;

/** Component name → variable name → TypeScript value type of every known variable. */
export type KnownVariables = { [C in keyof Kinds]: { [V in keyof Kinds[C]]: Kinds[C][V] extends VariableValueKind ? ValueOfKind<Kinds[C][V]> : never } };

/** A standardized component the core reads with typed access. */
export type KnownComponent = keyof KnownVariables;

/** A known variable of a known component. */
export type KnownVariable<C extends KnownComponent> = keyof KnownVariables[C] & string;

/** The TypeScript type of a known variable's value: integer/decimal → number, boolean → boolean, lists → string[], else string. */
export type KnownVariableValue<C extends KnownComponent, V extends KnownVariable<C>> = KnownVariables[C][V];
