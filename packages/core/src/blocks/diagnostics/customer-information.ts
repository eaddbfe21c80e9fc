import type {
  CertificateHashDataType,
  CustomerInformationRequest,
  CustomerInformationResponse,
  IdTokenType,
  NotifyCustomerInformationRequest,
} from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { AuthCacheStorePort } from '../../ports/storage/auth-cache-store.port.js';
import { authCacheKey } from '../../storage-memory/in-memory-auth-cache-store.js';
import { authCacheLine, customerInformationMessages } from './customer-information-data.js';

/** The customer a CustomerInformation request refers to: an idToken, a customer certificate and/or an identifier. */
export interface CustomerReference {
  idToken?: IdTokenType;
  customerCertificate?: CertificateHashDataType;
  customerIdentifier?: string;
}

/** What N09/N10 CustomerInformation needs (DESIGN callbacks getCustomerInformation, clearCustomerInformation). */
export interface CustomerInformationDeps {
  clock: ClockPort;
  logger: LoggerPort;
  /** The authorization cache, whose entry for the idToken is reported and cleared (never the local list, TC_N_32). */
  authCache: AuthCacheStorePort;
  /** The station's own data about the customer, human readable (N09). */
  getCustomerInformation?(customer: CustomerReference): Promise<string> | string;
  /** Removes the station's own data about the customer (N10). */
  clearCustomerInformation?(customer: CustomerReference): Promise<void> | void;
  /** Sends one NotifyCustomerInformation; rejects when it could not be delivered. */
  sendNotifyCustomerInformation(request: NotifyCustomerInformationRequest): Promise<unknown>;
}

/** Settings of CustomerInformation. */
export interface CustomerInformationOptions {
  /** Longest report in characters; longer data is cut (libocpp's MaxCustomerInformationDataLength, default 51200). */
  maxDataLength?: number;
}

/** The answer to CustomerInformation and the report to send once it went out. */
export interface CustomerInformationDecision {
  response: CustomerInformationResponse;
  start?: () => void;
}

/**
 * N09 Get / N10 Clear Customer Information: Rejected when neither report nor clear is asked, Invalid without a
 * customer reference; else Accepted, and after the answer the report (station data + authorization cache) and/or the
 * clearing, announced in NotifyCustomerInformation messages (TC_N_27/28/30/31/32/62).
 */
export class CustomerInformation {
  constructor(
    private readonly deps: CustomerInformationDeps,
    private readonly options: CustomerInformationOptions = {},
  ) {}

  /** Decides the answer; the work runs in `start`, after the CALLRESULT. */
  handle(request: CustomerInformationRequest): CustomerInformationDecision {
    if (!request.report && !request.clear) {
      return { response: { status: 'Rejected', statusInfo: { reasonCode: 'NothingRequested', additionalInfo: 'Neither report nor clear is set' } } };
    }
    const customer = referenceOf(request);
    if (customer === undefined) {
      return { response: { status: 'Invalid', statusInfo: { reasonCode: 'MissingParam', additionalInfo: 'One of idToken, customerCertificate, customerIdentifier is required' } } };
    }
    return { response: { status: 'Accepted' }, start: () => void this.run(request, customer) };
  }

  private async run(request: CustomerInformationRequest, customer: CustomerReference): Promise<void> {
    const { requestId } = request;
    const lines: string[] = [];
    try {
      if (request.report) lines.push(...(await this.report(customer)));
      if (request.clear) lines.push(await this.clear(customer));
    } catch (error) {
      this.deps.logger.error({ err: error, requestId }, 'CustomerInformation failed in the station');
      lines.push('The station could not complete the request');
    }
    const limit = this.options.maxDataLength ?? 51_200;
    const data = Array.from(lines.join('\n')).slice(0, limit).join('');
    for (const message of customerInformationMessages(data, requestId, this.deps.clock.now())) {
      try {
        await this.deps.sendNotifyCustomerInformation(message);
      } catch (error) {
        this.deps.logger.warn({ err: error, requestId, seqNo: message.seqNo }, 'NotifyCustomerInformation not delivered; the rest of the report is dropped');
        return;
      }
    }
  }

  private async report(customer: CustomerReference): Promise<string[]> {
    const lines: string[] = [];
    const own = (await this.deps.getCustomerInformation?.(customer)) ?? '';
    if (own !== '') lines.push(own);
    const cached = customer.idToken === undefined ? undefined : this.deps.authCache.get(authCacheKey(customer.idToken));
    if (cached !== undefined) lines.push(authCacheLine(cached));
    if (lines.length === 0) lines.push('No customer information stored');
    return lines;
  }

  private async clear(customer: CustomerReference): Promise<string> {
    if (customer.idToken !== undefined) this.deps.authCache.remove(authCacheKey(customer.idToken));
    await this.deps.clearCustomerInformation?.(customer);
    return 'Customer information cleared';
  }
}

function referenceOf(request: CustomerInformationRequest): CustomerReference | undefined {
  const { idToken, customerCertificate, customerIdentifier } = request;
  if (idToken === undefined && customerCertificate === undefined && customerIdentifier === undefined) return undefined;
  return {
    ...(idToken === undefined ? {} : { idToken }),
    ...(customerCertificate === undefined ? {} : { customerCertificate }),
    ...(customerIdentifier === undefined ? {} : { customerIdentifier }),
  };
}
