import type { LoggerPort } from '../ports/logger.port.js';
import type { SecurityEvent } from '../ports/security-event.js';
import type { NetworkProfileSlot, NetworkProfileStorePort } from '../ports/storage/network-profile-store.port.js';
import type { DisconnectReason, SecurityProfile, TransportConnectionOptions, TransportPort, TransportTlsOptions } from '../ports/transport.port.js';
import type { DeviceModel } from '../device-model/index.js';
import type { RpcEndpoint } from '../rpc/rpc-endpoint.js';
import { bindTransport } from '../rpc/transport-binding.js';
import { adoptSecurityProfile, currentSecurityProfile, usableSlots } from './security-profile-upgrade.js';
import type { ChargePointTlsMaterial } from './charge-point-options.js';

/** TLS material at connection time: the CSMS roots (and, M05, the previous root kept as fallback) and the station's certificate. */
export type ConnectionTlsMaterial = ChargePointTlsMaterial & { fallbackCsmsRootCertificates?: readonly string[] };

/** A comparable summary of TLS material (the PEM texts; never logged). */
function tlsFingerprint(material: ConnectionTlsMaterial | undefined): string {
  if (material === undefined) return '';
  return [...material.csmsRootCertificates, '|', ...(material.fallbackCsmsRootCertificates ?? []), '|', material.clientCertificateChain ?? ''].join('\n');
}

/** Reasons that count as a failed connection attempt for NetworkProfileConnectionAttempts (B10). */
const ATTEMPT_FAILURES: ReadonlySet<DisconnectReason> = new Set(['connection-failed', 'tls-failed', 'unauthorized', 'subprotocol-rejected']);

/** What the connection manager reports. */
export interface ConnectionEvents {
  connected(slot: number): void;
  /** A05: the connection on a higher security profile succeeded; the lower-profile slots were removed. */
  securityProfileRaised?(profile: number, removedSlots: number[]): void;
  /** A TLS connection (profile 2/3) succeeded; `usedFallback` when the previous CSMS root had to be trusted too (M05). */
  tlsConnected?(usedFallback: boolean): void;
  disconnected(reason: DisconnectReason): void;
  securityEvent(event: SecurityEvent): void;
}

/**
 * B10: connects to the slots of NetworkConfigurationPriority in order; after NetworkProfileConnectionAttempts
 * failed attempts on one slot it falls over to the next (wrapping around), and reports the slot in use in
 * OCPPCommCtrlr.ActiveNetworkProfile. The transport does the back-off within one slot.
 */
export class ConnectionManager {
  private priorityIndex = 0;
  private failures = 0;
  private activeSlot: number | undefined;
  private stopped = true;
  private switching: Promise<void> = Promise.resolve();
  /** M05: after a TLS failure with a new CSMS root, the previous root is trusted too until a connection succeeds. */
  private useFallbackRoots = false;
  /** What the transport was last given, to notice new roots or a new station certificate (see retryWithNewTlsMaterial). */
  private boundTlsMaterial: string | undefined;

  constructor(
    private readonly deps: {
      transport: TransportPort;
      endpoint: RpcEndpoint;
      deviceModel: DeviceModel;
      profiles: NetworkProfileStorePort;
      logger: LoggerPort;
      events: ConnectionEvents;
      /** Read at every connection attempt, so installed roots and a renewed station certificate apply at once. */
      tlsMaterial?: () => ConnectionTlsMaterial | undefined;
    },
  ) {}

  /** The security profile of the current (or last tried) connection's network profile. */
  get securityProfile(): SecurityProfile | undefined {
    const slot = this.deps.profiles.loadAll().find((s) => s.configurationSlot === this.activeSlot);
    return slot === undefined ? undefined : (slot.profile.securityProfile as SecurityProfile);
  }

  /** The slot of the current (or last tried) connection. */
  get slot(): number | undefined {
    return this.activeSlot;
  }

  /** Connects to the first usable slot of NetworkConfigurationPriority. */
  start(): void {
    this.stopped = false;
    this.priorityIndex = 0;
    this.connectCurrent();
  }

  /** Disconnects and stops falling over. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.switching;
    await this.deps.transport.disconnect();
  }

  /** Closes the connection and connects again with fresh settings (new password, new profile). */
  async reconnect(): Promise<void> {
    await this.deps.transport.disconnect();
    if (!this.stopped) this.connectCurrent();
  }

  private prioritySlots(): NetworkProfileSlot[] {
    const stored = this.deps.profiles.loadAll();
    const order = (this.deps.deviceModel.get('OCPPCommCtrlr', 'NetworkConfigurationPriority') ?? []).map(Number);
    const slots = order.map((n) => stored.find((s) => s.configurationSlot === n)).filter((s): s is NetworkProfileSlot => s !== undefined);
    return usableSlots(slots.length > 0 ? slots : stored, this.deps.deviceModel);
  }

  private connectCurrent(): void {
    const slots = this.prioritySlots();
    const slot = slots[this.priorityIndex % Math.max(1, slots.length)];
    if (slot === undefined) {
      this.deps.logger.error({ securityProfile: currentSecurityProfile(this.deps.deviceModel) }, 'No network connection profile at or above the security profile; not connecting');
      return;
    }
    this.activeSlot = slot.configurationSlot;
    this.failures = 0;
    const options = this.optionsFor(slot);
    this.deps.logger.info({ slot: slot.configurationSlot, csmsUrl: options.csmsUrl, securityProfile: options.securityProfile }, 'Connecting with network profile');
    try {
      this.bind(slot, slots.length, options, this.useFallbackRoots);
    } catch (error) {
      // The transport refuses settings that cannot work, e.g. profile 2/3 once the CSMS deleted the last
      // CSMSRootCertificate (M04 answers Accepted, TC_M_20). Retrying cannot help and the error must not escape
      // (from reconnect() it would be an unhandled rejection that ends the process): stay offline and say why.
      this.deps.logger.error(
        { slot: slot.configurationSlot, securityProfile: options.securityProfile, err: error instanceof Error ? error.message : String(error) },
        'Cannot connect with this network profile; offline until the next reconnect or restart',
      );
    }
  }

  /**
   * `trustsFallback`: these options trust the previous CSMS root too. The transport reconnects on its own with the same
   * options, so every connection they make counts as one through the fallback (M05.FR.12: the fallback goes only after
   * a connection that trusted the new root alone).
   */
  private bind(slot: NetworkProfileSlot, slotCount: number, options: TransportConnectionOptions, trustsFallback: boolean): void {
    bindTransport(this.deps.transport, this.deps.endpoint, options, this.deps.logger, {
      onConnected: () => {
        this.failures = 0;
        const removed = adoptSecurityProfile(slot, this.deps.deviceModel, this.deps.profiles);
        if (removed !== undefined) this.reportRaise(slot, removed);
        this.setActiveProfileVariable(slot.configurationSlot);
        if (slot.profile.securityProfile >= 2) this.deps.events.tlsConnected?.(trustsFallback);
        this.useFallbackRoots = false;
        this.deps.events.connected(slot.configurationSlot);
      },
      onDisconnected: (info) => {
        this.deps.events.disconnected(info.reason);
        if (info.reason === 'tls-failed' && this.retryWithFallbackRoots()) return;
        if (ATTEMPT_FAILURES.has(info.reason) && this.retryWithNewTlsMaterial()) return;
        if (ATTEMPT_FAILURES.has(info.reason)) this.countFailure(slotCount);
      },
      onSecurityEvent: (event) => this.deps.events.securityEvent(event),
    });
  }

  private reportRaise(slot: NetworkProfileSlot, removed: number[]): void {
    this.deps.logger.info({ securityProfile: slot.profile.securityProfile, removedSlots: removed }, 'Security profile raised (A05)');
    this.deps.events.securityProfileRaised?.(slot.profile.securityProfile, removed);
  }

  /** M05.FR.12: a handshake failed while a previous CSMS root is kept: try again trusting it too (once per streak). */
  private retryWithFallbackRoots(): boolean {
    if (this.useFallbackRoots || this.stopped) return false;
    if ((this.deps.tlsMaterial?.()?.fallbackCsmsRootCertificates?.length ?? 0) === 0) return false;
    this.useFallbackRoots = true;
    this.deps.logger.warn({ slot: this.activeSlot }, 'TLS handshake failed: retrying with the previous CSMS root as fallback (M05)');
    this.switchConnection();
    return true;
  }

  /**
   * The transport retries with the settings it was given; when the trust or the station certificate changed since
   * (InstallCertificate, DeleteCertificate, CertificateSigned), the next attempt is made with the current material.
   */
  private retryWithNewTlsMaterial(): boolean {
    if (this.stopped || this.boundTlsMaterial === undefined || this.boundTlsMaterial === tlsFingerprint(this.deps.tlsMaterial?.())) return false;
    this.deps.logger.info({ slot: this.activeSlot }, 'TLS material changed since this connection was set up: reconnecting with the new one');
    this.switchConnection();
    return true;
  }

  private countFailure(slotCount: number): void {
    this.failures += 1;
    const attempts = this.deps.deviceModel.get('OCPPCommCtrlr', 'NetworkProfileConnectionAttempts') ?? 3;
    if (this.stopped || slotCount < 2 || this.failures < attempts) return;
    this.deps.logger.warn({ slot: this.activeSlot, failures: this.failures }, 'Falling over to the next network profile');
    this.priorityIndex += 1;
    this.switchConnection();
  }

  /** Drops the transport's own retrying and connects anew with the current slot and settings (stop() waits for it). */
  private switchConnection(): void {
    this.switching = this.deps.transport.disconnect().then(() => {
      if (!this.stopped) this.connectCurrent();
    });
  }

  private setActiveProfileVariable(slot: number): void {
    const component = { name: 'OCPPCommCtrlr' };
    const variable = { name: 'ActiveNetworkProfile' };
    if (this.deps.deviceModel.has(component, variable)) this.deps.deviceModel.setInternal(component, variable, String(slot));
  }

  /** Profiles 2 and 3: the CSMS roots (with the fallback while M05 needs it) and, for 3, the station certificate. */
  private tlsSettings(material: ConnectionTlsMaterial, securityProfile: SecurityProfile): TransportTlsOptions {
    const fallback = this.useFallbackRoots ? (material.fallbackCsmsRootCertificates ?? []) : [];
    return {
      csmsRootCertificates: [...material.csmsRootCertificates, ...fallback],
      ...(securityProfile === 3 && material.clientCertificateChain !== undefined ? { clientCertificateChain: material.clientCertificateChain } : {}),
      ...(securityProfile === 3 && material.clientPrivateKey !== undefined ? { clientPrivateKey: material.clientPrivateKey } : {}),
      allowWildcards: this.deps.deviceModel.get('SecurityCtrlr', 'AllowCSMSTLSWildcards') ?? false,
    };
  }

  private optionsFor(slot: NetworkProfileSlot): TransportConnectionOptions {
    const dm = this.deps.deviceModel;
    const profile = slot.profile;
    const password = dm.getRaw({ name: 'SecurityCtrlr' }, { name: 'BasicAuthPassword' });
    const securityProfile = profile.securityProfile as SecurityProfile;
    this.deps.endpoint.setMessageTimeout(profile.messageTimeout * 1000);
    // One source of truth: OCPPCommCtrlr.MessageTimeout[Default] reports the timeout of the profile in use.
    const timeoutVariable = { name: 'MessageTimeout', instance: 'Default' };
    if (dm.has({ name: 'OCPPCommCtrlr' }, timeoutVariable) && dm.getRaw({ name: 'OCPPCommCtrlr' }, timeoutVariable) !== String(profile.messageTimeout)) {
      dm.setInternal({ name: 'OCPPCommCtrlr' }, timeoutVariable, String(profile.messageTimeout));
    }
    const usesTls = securityProfile >= 2;
    const material = usesTls ? this.deps.tlsMaterial?.() : undefined;
    this.boundTlsMaterial = usesTls ? tlsFingerprint(material) : undefined;
    return {
      csmsUrl: profile.ocppCsmsUrl,
      identity: dm.get('SecurityCtrlr', 'Identity') ?? '',
      securityProfile,
      ...(password === undefined || password === '' || securityProfile === 0 || securityProfile === 3 ? {} : { basicAuthPassword: password }),
      ...(material === undefined ? {} : { tls: this.tlsSettings(material, securityProfile) }),
      pingIntervalSeconds: dm.get('OCPPCommCtrlr', 'WebSocketPingInterval') ?? 30,
      retryBackOff: {
        waitMinimumSeconds: dm.get('OCPPCommCtrlr', 'RetryBackOffWaitMinimum') ?? 3,
        randomRangeSeconds: dm.get('OCPPCommCtrlr', 'RetryBackOffRandomRange') ?? 10,
        repeatTimes: dm.get('OCPPCommCtrlr', 'RetryBackOffRepeatTimes') ?? 5,
      },
    };
  }
}
