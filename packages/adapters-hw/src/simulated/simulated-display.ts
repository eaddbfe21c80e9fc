import type { DisplayCapabilities, DisplayMessage, DisplayPort, DisplayPriority } from '@evstation/core';

const ORDER: Record<DisplayPriority, number> = { AlwaysFront: 0, InFront: 1, NormalCycle: 2 };

/** A simulated screen that keeps its messages so tests and the dashboard can see them. */
export class SimulatedDisplay implements DisplayPort {
  private readonly messages = new Map<number, DisplayMessage>();

  private readonly caps: DisplayCapabilities;

  constructor(deps: { capabilities?: DisplayCapabilities } = {}) {
    this.caps = deps.capabilities ?? { formats: ['ASCII', 'UTF8', 'URI'], maxTextLength: 512 };
  }

  capabilities(): DisplayCapabilities {
    return { ...this.caps, formats: [...this.caps.formats] };
  }

  show(message: DisplayMessage): Promise<void> {
    if (!this.caps.formats.includes(message.format)) return Promise.reject(new Error(`display cannot show ${message.format}`));
    if (this.caps.maxTextLength !== undefined && message.text.length > this.caps.maxTextLength) {
      return Promise.reject(new Error(`text of ${message.text.length} characters exceeds ${this.caps.maxTextLength}`));
    }
    this.messages.set(message.id, { ...message });
    return Promise.resolve();
  }

  clear(id?: number): Promise<void> {
    if (id === undefined) this.messages.clear();
    else this.messages.delete(id);
    return Promise.resolve();
  }

  /** What is on screen, most prominent first. */
  shown(): DisplayMessage[] {
    return [...this.messages.values()].sort((a, b) => ORDER[a.priority] - ORDER[b.priority] || a.id - b.id);
  }
}
