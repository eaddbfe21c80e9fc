import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock, type FrameRecord, type GetLogResponse, type NotifyReportRequest, type SecurityEvent, type StationStores } from '@evstation/core';
import { MemoryLogger } from '@evstation/core/testing';
import { FileCertificateStore } from '@evstation/adapters-storage';
import { NodeFileTransfer, validateConnectionOptions } from '@evstation/adapters-transport';
import { FTP_USER, startTestFtpFileServer, unusedPort, type TestFtpFileServer } from '@evstation/adapters-transport/testing';
import { FIRMWARE, FirmwareSite, updateFirmware, waitForFirmwareStatus } from '../support/firmware-site.js';
import { FirmwareInstaller, ManagementPorts } from '../support/management-kit.js';
import { acceptingHandlers, stationCalls, waitUntil } from '../support/ocpp-frames.js';
import { CSO_NAME, createSecurityPki, installCsmsRoot, type SecurityPki } from '../support/security-kit.js';
import { startBootedStation, tempDatabase, type BootedStation, type RunningStation } from '../support/station-harness.js';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';

/** The identity of the station (the HTTP Basic user name). */
export const IDENTITY = 'CS-SECRETS-1';

/** Every secret the scenario handles: passwords, URL credentials (as sent and as Basic headers). */
export const SECRETS = {
  firstPassword: 'First-Secret_Password.0001',
  secondPassword: 'Second-Secret_Password.0002',
  /** A candidate password the station refuses (bad charset): still a secret. */
  refusedPassword: 'Refused#Secret$Password-0003',
  ftpPassword: FTP_USER.password,
  wrongFtpPassword: 'Wrong-Ftp-Secret-0004',
  firmwareHttpPassword: 'Firmware-Http-Secret-0005',
  logHttpPassword: 'Log-Http-Secret-0006',
} as const;

/** The base64 user:password forms that went into Authorization headers. */
export function basicForms(): string[] {
  const pairs = [
    [IDENTITY, SECRETS.firstPassword],
    [IDENTITY, SECRETS.secondPassword],
    ['fwuser', SECRETS.firmwareHttpPassword],
    ['loguser', SECRETS.logHttpPassword],
  ];
  return pairs.map(([user, password]) => Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64'));
}

/** What the scenario leaves behind to search. */
export interface SecretsEvidence {
  logger: MemoryLogger;
  frames: FrameRecord[];
  securityEvents: (SecurityEvent & { timestamp: Date })[];
  /** Messages (with stacks) of the errors the stack produced: transfer failures, configuration errors. */
  errors: string[];
  /** Bodies of the log files the station uploaded. */
  uploads: Buffer[];
  dbPath: string;
  /** The stores of the station running at the end (open until `stopStation`). */
  stores: StationStores;
  ports: ManagementPorts;
  /** The HTTP Authorization headers the file servers saw (the credentials did get used). */
  authorizations: string[];
  /** Stops the station: its database is closed (WAL checkpointed). */
  stopStation(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * R9 credential hygiene, the scenario: security profile 1 with BasicAuthPassword, a password change by SetVariables
 * (and a refused one), a station key pair with a CSR and an installed station certificate in a FileCertificateStore,
 * firmware from an HTTP URL with credentials (installed, across the reboot) and from an FTP URL with a wrong password,
 * logs to FTP and HTTP URLs with credentials and to FTP with a wrong password, and configuration errors around a
 * password. Everything is captured: every log line at every level, the OCPP message log, security events, errors.
 */
export async function runSecretsScenario(): Promise<SecretsEvidence> {
  const clock = new FakeClock(new Date());
  const logger = new MemoryLogger();
  const frames: FrameRecord[] = [];
  const securityEvents: (SecurityEvent & { timestamp: Date })[] = [];
  const errors: string[] = [];
  const db = tempDatabase();
  const ports = new ManagementPorts();
  const installer = new FirmwareInstaller();
  const site = await FirmwareSite.start();
  const ftp = await startTestFtpFileServer();
  const pki: SecurityPki = createSecurityPki();
  const csms = await StrictCsms.start({ handlers: acceptingHandlers({ FirmwareStatusNotification: () => ({}), LogStatusNotification: () => ({}) }), password: SECRETS.firstPassword });
  let running: RunningStation | undefined;
  const stopStation = async (): Promise<void> => {
    const station = running;
    running = undefined;
    await station?.stop();
  };
  const cleanup = async (): Promise<void> => {
    await stopStation();
    await csms.close();
    await ftp.close();
    await site.close();
    pki.ca.cleanup();
  };
  try {
    // The station's certificates: CSMS and manufacturer roots, and its own key pair, CSR and certificate (A02).
    const store = FileCertificateStore.open({ directory: ports.certificateDirectory, clock, logger });
    await installCsmsRoot(store, pki.csmsRoot);
    await ports.trustManufacturer(clock, site.pki.root.cert);
    const csr = await store.generateCsr({ commonName: 'SN-CONF-1', organizationName: CSO_NAME });
    const installed = await store.installStationCertificate(pki.ca.signCsr(csr, pki.csmsRoot), {});
    if (installed.status !== 'Accepted') throw new Error(`station certificate: ${JSON.stringify(installed)}`);
    // A renewal CSR still waiting for its certificate: its key pair is pending in the store.
    await store.generateCsr({ commonName: 'SN-CONF-1', organizationName: CSO_NAME });

    const boot = async (): Promise<BootedStation> => {
      const booted = await startBootedStation(csms, {
        dbPath: db.path,
        identity: IDENTITY,
        clock,
        logger,
        securityProfile: 1,
        deps: ports.open(clock, logger),
        values: [
          { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, value: SECRETS.firstPassword },
          { component: { name: 'SecurityCtrlr' }, variable: { name: 'OrganizationName' }, value: CSO_NAME },
        ],
        callbacks: {
          ocppMessages: (record) => void frames.push(record),
          securityEvent: (event) => void securityEvents.push(event),
          updateFirmwareRequest: installer.updateFirmwareRequest,
          getLogRequest: () => ({ content: { text: 'diagnostics of the secrets scenario\n' } }),
        },
      });
      running = booted.station;
      return booted;
    };
    let { client } = await boot();

    // A01: a refused password, then a new one; the station reconnects with it.
    await setPassword(client, SECRETS.refusedPassword, 'Rejected');
    csms.password = SECRETS.secondPassword;
    const clientsBefore = csms.clients.length;
    await setPassword(client, SECRETS.secondPassword, 'Accepted');
    await waitUntil(() => csms.clients.length > clientsBefore && running?.chargePoint.registrationStatus === 'Accepted' && running.chargePoint.isConnected, 'the reconnect with the new password');
    client = csms.clients[clientsBefore]!;

    // L01 from an HTTP URL with credentials, installed across the reboot.
    const since = csms.ledger.length;
    const credentialed = site.http.url('/files/firmware.bin').replace('://', `://fwuser:${SECRETS.firmwareHttpPassword}@`);
    await updateFirmware(client, site.request(901, { location: credentialed }));
    await waitForFirmwareStatus(csms, 'InstallRebooting#901', since);
    await waitUntil(() => running?.resets.length === 1, 'the install reboot');
    await stopStation();
    ({ client } = await boot());
    await waitForFirmwareStatus(csms, 'Installed#901', since);

    // L01 from FTP with a wrong password: DownloadFailed.
    writeFileSync(join(ftp.root, 'firmware.bin'), FIRMWARE);
    await updateFirmware(client, site.request(902, { location: ftp.url('/firmware.bin', { user: FTP_USER.user, password: SECRETS.wrongFtpPassword }) }));
    await waitForFirmwareStatus(csms, 'DownloadFailed#902', since);

    // N01 to FTP and HTTP with credentials, and to FTP with a wrong password.
    const uploadsBefore = site.http.requests.length;
    await uploadLog(client, csms, 903, 'DiagnosticsLog', ftp.url('/'), 'Uploaded');
    await uploadLog(client, csms, 904, 'SecurityLog', site.http.url('/upload/').replace('://', `://loguser:${SECRETS.logHttpPassword}@`), 'Uploaded');
    await uploadLog(client, csms, 905, 'SecurityLog', ftp.url('/', { user: FTP_USER.user, password: SECRETS.wrongFtpPassword }), 'PermissionDenied');

    // B07/B08: the password is not read back, in a report or by GetVariables.
    const reports = csms.ledger.length;
    await client.call('GetBaseReport', { requestId: 906, reportBase: 'FullInventory' });
    await waitUntil(() => stationCalls<NotifyReportRequest>(csms, 'NotifyReport', reports).some((r) => r.tbc !== true), 'the last NotifyReport');
    await client.call('GetVariables', { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] });

    // Errors around secrets: configuration checks and transfers that fail.
    errors.push(...(await provokedErrors(logger, ports)));
    const uploads = [
      ...site.http.requests.slice(uploadsBefore).filter((r) => r.method === 'PUT').map((r) => r.body),
      ...readUploads(ftp),
    ];
    const authorizations = site.http.requests.map((r) => String(r.headers.authorization ?? '')).filter((a) => a !== '');
    if (running === undefined) throw new Error('the station is not running');
    const { stores } = running;
    return {
      logger,
      frames,
      securityEvents,
      errors,
      uploads,
      dbPath: db.path,
      stores,
      ports,
      authorizations,
      stopStation,
      dispose: async () => {
        await cleanup();
        await ports.dispose();
        db.dispose();
      },
    };
  } catch (error) {
    await cleanup();
    await ports.dispose();
    db.dispose();
    throw error;
  }
}

async function setPassword(client: CsmsClient, value: string, expected: string): Promise<void> {
  const response = (await client.call('SetVariables', {
    setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: value }],
  })) as { setVariableResult: { attributeStatus: string }[] };
  if (response.setVariableResult[0]?.attributeStatus !== expected) throw new Error(`SetVariables BasicAuthPassword: ${JSON.stringify(response)}`);
}

async function uploadLog(client: CsmsClient, csms: StrictCsms, requestId: number, logType: string, remoteLocation: string, final: string): Promise<void> {
  const since = csms.ledger.length;
  const answer = (await client.call('GetLog', { logType, requestId, retries: 0, log: { remoteLocation } })) as GetLogResponse;
  if (answer.status !== 'Accepted') throw new Error(`GetLog ${requestId}: ${answer.status}`);
  await waitUntil(
    () => csms.ledger.slice(since).some((e) => !e.outbound && JSON.stringify(e.frame).includes(`"status":"${final}","requestId":${requestId}`)),
    `LogStatusNotification ${final} for ${requestId}`,
  );
}

/** The log files the station stored on the FTP server. */
function readUploads(ftp: TestFtpFileServer): Buffer[] {
  return readdirSync(ftp.root)
    .filter((name) => name.endsWith('.log'))
    .map((name) => readFileSync(join(ftp.root, name)));
}

/** Configuration checks and transfers that fail with a secret in their input; their errors are evidence. */
async function provokedErrors(logger: MemoryLogger, ports: ManagementPorts): Promise<string[]> {
  const out: string[] = [];
  const tryConfig = (csmsUrl: string, basicAuthPassword: string): void => {
    try {
      validateConnectionOptions({ csmsUrl, identity: IDENTITY, securityProfile: 1, basicAuthPassword, retryBackOff: { waitMinimumSeconds: 1, randomRangeSeconds: 1, repeatTimes: 1 }, pingIntervalSeconds: 0 });
      out.push(`accepted: ${csmsUrl}`);
    } catch (error) {
      out.push(describe(error));
    }
  };
  tryConfig(`ws://${IDENTITY}:${SECRETS.secondPassword}@127.0.0.1:9/`, SECRETS.secondPassword);
  tryConfig(`ws://[${SECRETS.secondPassword}`, SECRETS.secondPassword);
  tryConfig('wss://127.0.0.1:9/', SECRETS.secondPassword);
  const transfer = new NodeFileTransfer({ logger }, { downloadDirectory: ports.downloadDirectory, connectTimeoutMs: 2000, idleTimeoutMs: 2000 });
  try {
    const closed = await unusedPort();
    for (const url of [
      `http://fwuser:${SECRETS.firmwareHttpPassword}@127.0.0.1:${closed}/firmware.bin`,
      `ftp://station:${SECRETS.ftpPassword}@127.0.0.1:${closed}/firmware.bin`,
      `ftp://station:${SECRETS.ftpPassword}@[bad-host/firmware.bin`,
      `sftp://station:${SECRETS.ftpPassword}@127.0.0.1:${closed}/firmware.bin`,
    ]) {
      const outcome = await transfer.download({ url });
      out.push(outcome.ok ? `downloaded ${url}` : `${outcome.error.kind}: ${outcome.error.message}`);
    }
  } finally {
    await transfer.close();
  }
  return out;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
