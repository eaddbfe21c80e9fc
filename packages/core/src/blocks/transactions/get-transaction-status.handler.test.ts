import { describe, expect, it } from 'vitest';
import { getValidator, type GetTransactionStatusRequest } from '../../messages/index.js';
import type { CallContext } from '../../rpc/functional-block.js';
import { transactionsBlock } from './transactions.block.js';
import { ACCEPTED, makeTransactions, TOKEN } from './transactions.test-kit.js';

const context: CallContext = { messageId: 'csms-1', afterReply: () => undefined };
const validResponse = getValidator('GetTransactionStatus', 'response');

/** EVSE 1 with an ongoing transaction tx-1, EVSE 2 with an ended one tx-2; `answered` drops the queued events. */
function station(answered: boolean) {
  const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected', 'TxCtrlr.TxStopPoint': 'EVConnected' } });
  kit.manager.onCablePluggedIn(1, 1);
  kit.manager.onCablePluggedIn(2, 1);
  kit.manager.onAuthorized(2, TOKEN, ACCEPTED);
  kit.manager.onCableUnplugged(2, 1, 'station');
  if (answered) for (const message of kit.queueStore.peek(100)) kit.queueStore.remove(message.id);
  const handler = transactionsBlock({ transactions: kit.manager }).handlers.GetTransactionStatus!;
  return async (request: GetTransactionStatusRequest) => {
    const response = await handler(request, context);
    expect(validResponse(response)).toBeUndefined();
    return response;
  };
}

describe('E14 GetTransactionStatus (TC_E_28_CS-TC_E_34_CS)', () => {
  it('an unknown transactionId is neither ongoing nor queued', async () => {
    expect(await station(false)({ transactionId: 'nope' })).toEqual({ ongoingIndicator: false, messagesInQueue: false });
  });

  it('an ongoing transaction with messages in queue', async () => {
    expect(await station(false)({ transactionId: 'tx-1' })).toEqual({ ongoingIndicator: true, messagesInQueue: true });
  });

  it('an ongoing transaction without messages in queue', async () => {
    expect(await station(true)({ transactionId: 'tx-1' })).toEqual({ ongoingIndicator: true, messagesInQueue: false });
  });

  it('TC_E_31_CS a transaction that ended, with messages in queue', async () => {
    expect(await station(false)({ transactionId: 'tx-2' })).toEqual({ ongoingIndicator: false, messagesInQueue: true });
  });

  it('a transaction that ended, without messages in queue', async () => {
    expect(await station(true)({ transactionId: 'tx-2' })).toEqual({ ongoingIndicator: false, messagesInQueue: false });
  });

  it('without transactionId: only messagesInQueue, for any transaction', async () => {
    expect(await station(false)({})).toEqual({ messagesInQueue: true });
    expect(await station(true)({})).toEqual({ messagesInQueue: false });
  });

  it('the block declares GetTransactionStatus only', () => {
    const kit = makeTransactions();
    expect(Object.keys(transactionsBlock({ transactions: kit.manager }).handlers)).toEqual(['GetTransactionStatus']);
  });
});
