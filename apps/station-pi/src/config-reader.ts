/** A config that cannot run the station; the message names every field that is missing or wrong. Exit code 2. */
export class PiConfigError extends Error {
  override readonly name = 'PiConfigError';
}

type Json = Record<string, unknown>;

/**
 * Reads fields of a parsed JSON config by dotted path, collecting every problem (`meter.unitId is missing`) instead of
 * stopping at the first, so one run names all that is wrong.
 */
export class ConfigReader {
  readonly problems: string[] = [];

  constructor(private readonly root: unknown) {}

  /** The raw value at `path` (undefined when absent). */
  raw(path: string): unknown {
    let value: unknown = this.root;
    // Lists are walked by index: `deviceModel.0.value`.
    for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Json)[part] : undefined;
    return value;
  }

  has(path: string): boolean {
    return this.raw(path) !== undefined;
  }

  /** A required (or, with optional, possibly absent) non-empty string. */
  string(path: string, options: { optional: true; max?: number }): string | undefined;
  string(path: string, options?: { optional?: false; max?: number }): string;
  string(path: string, options: { optional?: boolean; max?: number } = {}): string | undefined {
    const value = this.raw(path);
    if (value === undefined) return this.missing(path, options.optional === true, 'a string');
    if (typeof value !== 'string' || value === '') return this.wrong(path, 'a non-empty string', value);
    if (options.max !== undefined && value.length > options.max) return this.wrong(path, `at most ${options.max} characters`, value);
    return value;
  }

  /** A required (or optional) whole number in [min, max]. */
  integer(path: string, min: number, max: number, options: { optional: true }): number | undefined;
  integer(path: string, min: number, max: number, options?: { optional?: false }): number;
  integer(path: string, min: number, max: number, options: { optional?: boolean } = {}): number | undefined {
    const value = this.raw(path);
    if (value === undefined) return this.missing(path, options.optional === true, `a whole number from ${min} to ${max}`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return this.wrong(path, `a whole number from ${min} to ${max}`, value);
    return value;
  }

  /** A number above 0 and at most max. */
  positive(path: string, max: number): number {
    const value = this.raw(path);
    if (value === undefined) return this.missing(path, false, `a number above 0`) ?? 0;
    if (typeof value !== 'number' || !(value > 0) || value > max) return this.wrong(path, `a number above 0 and at most ${max}`, value) ?? 0;
    return value;
  }

  /** One of `choices`. */
  oneOf<T extends string | number | boolean>(path: string, choices: readonly T[], options: { optional?: boolean } = {}): T | undefined {
    const value = this.raw(path);
    if (value === undefined) return this.missing(path, options.optional === true, `one of ${choices.join(', ')}`);
    const found = choices.find((choice) => choice === value);
    if (found === undefined) return this.wrong(path, `one of ${choices.join(', ')}`, value);
    return found;
  }

  /** Records a problem about `path`. */
  problem(path: string, message: string): void {
    this.problems.push(`${path} ${message}`);
  }

  private missing(path: string, optional: boolean, expected: string): undefined {
    if (!optional) this.problems.push(`${path} is missing (${expected})`);
    return undefined;
  }

  private wrong(path: string, expected: string, value: unknown): undefined {
    // Values are echoed only when they are short and not secrets; callers read passwords through raw().
    this.problems.push(`${path} must be ${expected} (got ${JSON.stringify(value)?.slice(0, 60) ?? String(value)})`);
    return undefined;
  }
}
