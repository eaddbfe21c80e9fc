import { afterEach, describe, expect, it } from 'vitest';
import type { ChargeControllerEvent, ChargeControllerPort } from '../ports/charge-controller.port.js';

/** The EV side of a (simulated) charge controller, as the contract drives it. */
export interface ContractEv {
  plugIn(): void;
  /** The EV asks for energy (state C) or stops asking (back to B). */
  requestCharge(requesting: boolean): void;
  unplug(): void;
}

/** What a ChargeControllerPort implementation gives the contract. */
export interface ChargeControllerContractHarness {
  /** Not started yet: the contract starts it. */
  controller: ChargeControllerPort;
  ev: ContractEv;
  /** Lets device and adapter exchange whatever is pending (flush I/O, advance a fake clock by a poll). */
  settle(): Promise<void>;
  dispose?(): void | Promise<void>;
}

/**
 * The behaviour every ChargeControllerPort adapter must show (DESIGN 3.3, 6; hardware.md 5): IEC 61851 states as
 * events, the contactor closing only with permission, the applied current limit, pause and availability.
 */
export function chargeControllerContract(name: string, makeHarness: () => ChargeControllerContractHarness | Promise<ChargeControllerContractHarness>): void {
  describe(`${name} (ChargeControllerPort contract)`, () => {
    let harness: ChargeControllerContractHarness | undefined;
    let events: ChargeControllerEvent[] = [];
    const started = async (): Promise<ChargeControllerContractHarness> => {
      harness = await makeHarness();
      events = [];
      harness.controller.onEvent((event) => events.push(event));
      await harness.controller.start();
      return harness;
    };
    const charging = async (): Promise<ChargeControllerContractHarness> => {
      const h = await started();
      h.ev.plugIn();
      h.ev.requestCharge(true);
      await h.controller.allowEnergy(true);
      await h.settle();
      expect(h.controller.status().relayClosed).toBe(true);
      return h;
    };
    afterEach(async () => {
      await harness?.controller.stop();
      await harness?.dispose?.();
      harness = undefined;
    });

    it('rejects commands before start()', async () => {
      harness = await makeHarness();
      await expect(harness.controller.setCurrentLimit(16)).rejects.toMatchObject({ kind: 'not-started' });
    });

    it('starts with the link up, pilot A, no faults and energy withheld', async () => {
      const h = await started();
      expect(h.controller.status()).toMatchObject({ linkUp: true, cp: 'A', activeFaults: [], relayClosed: false, energyAllowed: false });
      const caps = h.controller.capabilities();
      expect(caps.minCurrentA).toBeGreaterThan(0);
      expect(caps.maxCurrentA).toBeGreaterThanOrEqual(caps.minCurrentA);
    });

    it('reports B on plug-in and C when the EV asks for energy, as events', async () => {
      const h = await started();
      h.ev.plugIn();
      await h.settle();
      expect(events).toContainEqual({ kind: 'cp', state: 'B', previous: 'A' });
      h.ev.requestCharge(true);
      await h.settle();
      expect(events).toContainEqual({ kind: 'cp', state: 'C', previous: 'B' });
      h.ev.unplug();
      await h.settle();
      expect(h.controller.status().cp).toBe('A');
    });

    it('G05.FR.01 closes the contactor in C only once energy is allowed, and opens it when withdrawn', async () => {
      const h = await started();
      h.ev.plugIn();
      h.ev.requestCharge(true);
      await h.settle();
      expect(h.controller.status()).toMatchObject({ cp: 'C', relayClosed: false });
      await h.controller.allowEnergy(true);
      await h.settle();
      expect(h.controller.status()).toMatchObject({ relayClosed: true, energyAllowed: true });
      expect(events).toContainEqual({ kind: 'relay', closed: true });
      await h.controller.allowEnergy(false);
      await h.settle();
      expect(h.controller.status().relayClosed).toBe(false);
      expect(events).toContainEqual({ kind: 'relay', closed: false });
    });

    it('advertises the current it applied, with the IEC 61851-1 duty cycle', async () => {
      const h = await started();
      h.ev.plugIn();
      expect(await h.controller.setCurrentLimit(16)).toBe(16);
      await h.settle();
      expect(h.controller.status().offeredCurrentA).toBe(16);
      expect(h.controller.status().pwmDutyPercent).toBeCloseTo(26.667, 2);
    });

    it('clamps a limit above the hardware maximum and resolves the clamped value', async () => {
      const h = await started();
      const { maxCurrentA } = h.controller.capabilities();
      expect(await h.controller.setCurrentLimit(maxCurrentA + 10)).toBe(maxCurrentA);
    });

    it('pauses with a limit of 0 (no PWM, contactor open) and resumes with a positive limit', async () => {
      const h = await charging();
      expect(await h.controller.setCurrentLimit(0)).toBe(0);
      await h.settle();
      expect(h.controller.status()).toMatchObject({ relayClosed: false, pwmDutyPercent: null, offeredCurrentA: 0 });
      expect(await h.controller.setCurrentLimit(10)).toBe(10);
      await h.settle();
      expect(h.controller.status()).toMatchObject({ relayClosed: true, offeredCurrentA: 10 });
    });

    it('setAvailable(false) holds the pilot in F with the contactor open; true brings the EVSE back', async () => {
      const h = await charging();
      await h.controller.setAvailable(false);
      await h.settle();
      expect(h.controller.status()).toMatchObject({ cp: 'F', available: false, relayClosed: false });
      await h.controller.setAvailable(true);
      await h.settle();
      expect(h.controller.status()).toMatchObject({ cp: 'C', available: true, relayClosed: true });
    });

    it('sends no more events to a listener that unsubscribed', async () => {
      const h = await started();
      const seen: ChargeControllerEvent[] = [];
      const unsubscribe = h.controller.onEvent((event) => seen.push(event));
      h.ev.plugIn();
      await h.settle();
      unsubscribe();
      h.ev.unplug();
      await h.settle();
      expect(seen).toEqual([{ kind: 'cp', state: 'B', previous: 'A' }]);
    });
  });
}
