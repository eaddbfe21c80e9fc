import { afterEach, describe, expect, it } from 'vitest';
import type { PresentedToken, PresentedTokenType, TokenReaderPort } from '../ports/token-reader.port.js';

/** What a TokenReaderPort implementation gives the contract. */
export interface TokenReaderContractHarness {
  /** Not started yet: the contract starts it. */
  reader: TokenReaderPort;
  /** Device side: a card is held to the reader or a PIN typed. */
  present(idToken: string, type: PresentedTokenType): void | Promise<void>;
  dispose?(): void | Promise<void>;
}

/** The behaviour every TokenReaderPort adapter must show (C01): tokens reach subscribers once, only while started. */
export function tokenReaderContract(name: string, makeHarness: () => TokenReaderContractHarness | Promise<TokenReaderContractHarness>): void {
  describe(`${name} (TokenReaderPort contract)`, () => {
    let harness: TokenReaderContractHarness | undefined;
    afterEach(async () => {
      await harness?.reader.stop();
      await harness?.dispose?.();
      harness = undefined;
    });

    it('delivers a presented RFID card as an upper-case ISO14443 UID, stamped with a time', async () => {
      harness = await makeHarness();
      const seen: PresentedToken[] = [];
      harness.reader.onToken((token) => seen.push(token));
      await harness.reader.start();
      await harness.present('04a1b2c3d4e5f6', 'ISO14443');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ idToken: '04A1B2C3D4E5F6', type: 'ISO14443' });
      expect(seen[0]?.at).toBeInstanceOf(Date);
    });

    it('delivers a PIN as a KeyCode token unchanged', async () => {
      harness = await makeHarness();
      const seen: PresentedToken[] = [];
      harness.reader.onToken((token) => seen.push(token));
      await harness.reader.start();
      await harness.present('1234', 'KeyCode');
      expect(seen).toMatchObject([{ idToken: '1234', type: 'KeyCode' }]);
    });

    it('delivers nothing after stop() or to an unsubscribed listener', async () => {
      harness = await makeHarness();
      const seen: PresentedToken[] = [];
      const unsubscribe = harness.reader.onToken((token) => seen.push(token));
      const other: PresentedToken[] = [];
      harness.reader.onToken((token) => other.push(token));
      await harness.reader.start();
      unsubscribe();
      await harness.present('AA', 'ISO14443');
      await harness.reader.stop();
      await harness.present('BB', 'ISO14443');
      expect(seen).toEqual([]);
      expect(other.map((t) => t.idToken)).toEqual(['AA']);
    });
  });
}
