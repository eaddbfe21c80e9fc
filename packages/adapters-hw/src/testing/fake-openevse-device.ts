import { encodeRapiFrame, parseRapiFrame, type RapiFrame } from '../rapi/rapi-frame.js';

const HEX2 = (value: number): string => value.toString(16).toUpperCase().padStart(2, '0');
const HEX4 = (value: number): string => value.toString(16).toUpperCase().padStart(4, '0');

/**
 * A simulated OpenEVSE board speaking RAPI (hardware.md 5.2): the test (or a control channel) plays the EV and the
 * faults, the adapter talks to it over a mock binding or a real pty. Replies echo the sequence id; state changes are
 * announced with `$AT`.
 */
export class FakeOpenEvseDevice {
  evConnected = false;
  evRequestsCharge = false;
  mode: 'enabled' | 'sleeping' | 'disabled' = 'enabled';
  authLocked = false;
  currentA = 32;
  readonly minCurrentA = 6;
  readonly maxCurrentA = 32;
  /** An EVSE fault state code (0x05-0x0E), or undefined. */
  faultState: number | undefined;
  /** A hung board: it reads but never answers. */
  silent = false;
  /** Every command line received. */
  readonly received: string[] = [];
  private buffer = '';
  private announced = '';

  constructor(private readonly send: (text: string) => void) {
    this.announced = this.stateKey();
  }

  /** Bytes from the host. */
  receive(text: string): void {
    this.buffer += text;
    const lines = this.buffer.split('\r');
    this.buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') this.handle(line.trim());
  }

  plugIn(): void {
    this.evConnected = true;
    this.changed();
  }

  unplug(): void {
    this.evConnected = false;
    this.evRequestsCharge = false;
    this.changed();
  }

  /** The EV asks for (or stops asking for) energy: pilot 6 V (state C) or back to 9 V (B). */
  requestCharge(requesting: boolean): void {
    this.evRequestsCharge = requesting;
    this.changed();
  }

  /** Enters (code) or leaves (undefined) a fault state such as 0x06 GFCI or 0x08 stuck relay. */
  setFault(code: number | undefined): void {
    this.faultState = code;
    this.changed();
  }

  /** Simulates a reboot: volatile settings are lost and `$AB` is sent. */
  reboot(): void {
    this.currentA = this.maxCurrentA;
    this.authLocked = false;
    this.mode = 'enabled';
    this.send(encodeRapiFrame('AB', ['00', '8.2.1']));
    this.changed();
  }

  evseState(): number {
    if (this.faultState !== undefined) return this.faultState;
    if (this.mode === 'disabled') return 0xff;
    if (this.mode === 'sleeping') return 0xfe;
    if (!this.evConnected) return 0x01;
    return this.evRequestsCharge && !this.authLocked ? 0x03 : 0x02;
  }

  pilotState(): number {
    if (!this.evConnected) return 0x01;
    const pwm = this.mode === 'enabled' && this.faultState === undefined;
    return pwm && this.evRequestsCharge ? 0x03 : 0x02;
  }

  vflags(): number {
    return (
      (this.evseState() === 0x03 ? 0x0040 : 0) |
      (this.evConnected ? 0x0100 : 0) |
      (this.authLocked ? 0x0008 : 0) |
      (this.faultState !== undefined ? 0x0002 : 0)
    );
  }

  private handle(line: string): void {
    this.received.push(line);
    if (this.silent) return;
    const frame = parseRapiFrame(line);
    if (typeof frame === 'string') {
      this.send(encodeRapiFrame('NK'));
      return;
    }
    const [ok, params] = this.execute(frame);
    this.send(encodeRapiFrame(ok ? 'OK' : 'NK', params, frame.sequenceId));
    this.changed();
  }

  private execute(frame: RapiFrame): [boolean, (string | number)[]] {
    const [first, second] = frame.params;
    switch (frame.head) {
      case 'GV':
        return [true, ['8.2.1', '5.2.1']];
      case 'GC':
        return [true, [this.minCurrentA, this.maxCurrentA, this.currentA, this.maxCurrentA]];
      case 'GS':
        return [true, [HEX2(this.evseState()), 0, HEX2(this.pilotState()), HEX4(this.vflags())]];
      case 'G0':
        return [true, [this.evConnected ? 1 : 0]];
      case 'SC': {
        const asked = Number.parseInt(first ?? '', 10);
        if (Number.isNaN(asked) || (second !== undefined && second !== 'V')) return [false, []];
        this.currentA = Math.min(this.maxCurrentA, Math.max(this.minCurrentA, asked));
        return [this.currentA === asked, [this.currentA]];
      }
      case 'FE':
      case 'FS':
      case 'FD':
        this.mode = frame.head === 'FE' ? 'enabled' : frame.head === 'FS' ? 'sleeping' : 'disabled';
        return [true, []];
      case 'S4':
        if (first !== '0' && first !== '1') return [false, []];
        this.authLocked = first === '1';
        return [true, []];
      default:
        return [false, []];
    }
  }

  private stateKey(): string {
    return [HEX2(this.evseState()), HEX2(this.pilotState()), this.currentA, HEX4(this.vflags())].join(' ');
  }

  private changed(): void {
    const key = this.stateKey();
    if (key === this.announced) return;
    this.announced = key;
    if (!this.silent) this.send(encodeRapiFrame('AT', key.split(' ')));
  }
}
