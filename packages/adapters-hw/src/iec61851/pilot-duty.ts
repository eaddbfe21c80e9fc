/**
 * PWM duty cycle (percent) that advertises `amps` on the control pilot (IEC 61851-1 Annex A): 6-51 A -> I / 0.6;
 * 51-80 A -> I / 2.5 + 64, with 51-52.5 A clamped to 51 A as EVerest does. Below 6 A there is no valid duty: null.
 */
export function ampsToDutyPercent(amps: number): number | null {
  if (!Number.isFinite(amps) || amps < 6) return null;
  if (amps <= 52.5) return Math.min(amps, 51) / 0.6;
  return Math.min(amps, 80) / 2.5 + 64;
}
