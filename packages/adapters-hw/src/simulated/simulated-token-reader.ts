import type { ClockPort, PresentedToken, PresentedTokenType, TokenReaderPort } from '@evstation/core';

/** A simulated RFID reader / PIN pad: the test or the control API presents tokens. */
export class SimulatedTokenReader implements TokenReaderPort {
  private started = false;
  private readonly listeners = new Set<(token: PresentedToken) => void>();

  constructor(private readonly deps: { clock: ClockPort; readerId?: string }) {}

  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.started = false;
    return Promise.resolve();
  }

  onToken(listener: (token: PresentedToken) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Simulator side: a card is held to the reader (UID as hex, upper-cased) or a PIN typed; false while stopped. */
  present(idToken: string, type: PresentedTokenType = 'ISO14443'): boolean {
    if (!this.started) return false;
    const token: PresentedToken = {
      idToken: type === 'ISO14443' || type === 'ISO15693' ? idToken.toUpperCase() : idToken,
      type,
      at: this.deps.clock.now(),
    };
    if (this.deps.readerId !== undefined) token.readerId = this.deps.readerId;
    for (const listener of this.listeners) listener(token);
    return true;
  }
}
