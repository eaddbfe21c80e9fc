import type { CallHandler } from '../../rpc/functional-block.js';
import type { CustomerInformation } from './customer-information.js';

/** N09/N10 CustomerInformation: answers at once; the NotifyCustomerInformation report follows the answer. */
export function customerInformationHandler(customerInformation: Pick<CustomerInformation, 'handle'>): CallHandler<'CustomerInformation'> {
  return (request, context) => {
    const { response, start } = customerInformation.handle(request);
    if (start !== undefined) context.afterReply(start);
    return response;
  };
}
