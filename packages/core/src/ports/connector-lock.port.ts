/** Position of the connector lock as its feedback reports it. */
export type LockState = 'locked' | 'unlocked' | 'unknown';

/**
 * Why a lock command failed: feedback never confirmed the move (jammed, plug not inserted), the contactor is
 * closed (no unlock under load), the connector has no lock, or the lock hardware failed.
 */
export type LockFailureReason = 'FeedbackTimeout' | 'ContactorClosed' | 'NotSupported' | 'Hardware';

/** Outcome of lock()/unlock(); failures map to G05 ConnectorPlugRetentionLock.Problem and UnlockStatus UnlockFailed. */
export type LockResult =
  | { ok: true; state: 'locked' | 'unlocked' }
  | { ok: false; state: LockState; reason: LockFailureReason; detail?: string };

/** A connector (plug retention) lock with feedback (G05, hardware.md 6). lock/unlock never reject. */
export interface ConnectorLockPort {
  /** Acquires the hardware and reads the feedback; rejects with a clear error when the hardware is absent. */
  start(): Promise<void>;
  /** Releases the hardware; the lock stays where it is. */
  stop(): Promise<void>;
  /** Drives the lock closed and confirms it by feedback, retrying as configured. */
  lock(): Promise<LockResult>;
  /** Drives the lock open; refuses with ContactorClosed while the contactor is closed (energy may flow). */
  unlock(): Promise<LockResult>;
  /** Last state read from the feedback. */
  state(): LockState;
  /** Called when the feedback changes with no command in progress (lock opened by itself during charging). */
  onUnexpectedChange(listener: (state: LockState) => void): () => void;
}
