import type { DataEnumType } from '../messages/index.js';
import type { StoredCharacteristics } from '../ports/storage/device-model-store.port.js';

/** Why a value breaks its variable's characteristics, as a StatusInfoType reasonCode (≤ 20 chars) and a message. */
export interface ValueProblem {
  reasonCode: 'InvalidValue' | 'ValueTooLow' | 'ValueTooHigh' | 'ValueOutOfRange';
  message: string;
}

/** The characteristics a value is checked against (StoredCharacteristics without supportsMonitoring). */
export type ValueCharacteristics = Pick<StoredCharacteristics, 'dataType' | 'minLimit' | 'maxLimit' | 'valuesList'>;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** The members of a valuesList or of a MemberList/SequenceList value; members are trimmed, the empty text has none. */
export function splitList(text: string): string[] {
  return text.trim() === '' ? [] : text.split(',').map((member) => member.trim());
}

/** Whether a data type's limits apply to the text length rather than to a number (VariableCharacteristicsType.maxLimit). */
export function limitsAreLengths(dataType: DataEnumType): boolean {
  return dataType === 'string' || dataType === 'OptionList' || dataType === 'MemberList' || dataType === 'SequenceList';
}

/** Checks a value against dataType, valuesList and min/maxLimit; undefined when valid (B05, TC_B_11_CS). */
export function checkValue(value: string, characteristics: ValueCharacteristics): ValueProblem | undefined {
  const formatProblem = checkFormat(value, characteristics);
  if (formatProblem !== undefined) return { reasonCode: 'InvalidValue', message: formatProblem };
  return checkLimits(value, characteristics);
}

function checkFormat(value: string, c: ValueCharacteristics): string | undefined {
  switch (c.dataType) {
    case 'integer': {
      if (!INTEGER.test(value)) return 'not an integer';
      const n = Number(value);
      return n < INT32_MIN || n > INT32_MAX ? 'integer out of the 32-bit range' : undefined;
    }
    case 'decimal':
      return DECIMAL.test(value) && Number.isFinite(Number(value)) ? undefined : 'not a decimal';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'not "true" or "false"';
    case 'dateTime':
      return isRfc3339(value) ? undefined : 'not an RFC 3339 date-time';
    case 'OptionList':
      return splitList(c.valuesList ?? '').includes(value) ? undefined : `not one of ${c.valuesList ?? '(no valuesList)'}`;
    case 'MemberList':
      return checkList(value, c.valuesList, true);
    case 'SequenceList':
      return checkList(value, c.valuesList, false);
    case 'string':
      return undefined;
  }
}

/** MemberList: unordered subset of valuesList (may be empty); SequenceList: ordered, non-empty, members in valuesList when given. */
function checkList(value: string, valuesList: string | undefined, emptyAllowed: boolean): string | undefined {
  const members = splitList(value);
  if (members.length === 0) return emptyAllowed ? undefined : 'an empty list';
  if (members.some((m) => m === '')) return 'a list with an empty member';
  if (new Set(members).size !== members.length) return 'a list with a duplicate member';
  if (valuesList === undefined) return undefined;
  const allowed = splitList(valuesList);
  const unknown = members.filter((m) => !allowed.includes(m));
  return unknown.length === 0 ? undefined : `${unknown.join(',')} not in ${valuesList}`;
}

function checkLimits(value: string, c: ValueCharacteristics): ValueProblem | undefined {
  if (c.dataType === 'integer' || c.dataType === 'decimal') {
    const n = Number(value);
    if (c.minLimit !== undefined && n < c.minLimit) return { reasonCode: 'ValueTooLow', message: `below minLimit ${c.minLimit}` };
    if (c.maxLimit !== undefined && n > c.maxLimit) return { reasonCode: 'ValueTooHigh', message: `above maxLimit ${c.maxLimit}` };
    return undefined;
  }
  if (!limitsAreLengths(c.dataType)) return undefined;
  if (c.minLimit !== undefined && value.length < c.minLimit) return { reasonCode: 'ValueOutOfRange', message: `shorter than minLimit ${c.minLimit}` };
  if (c.maxLimit !== undefined && value.length > c.maxLimit) return { reasonCode: 'ValueOutOfRange', message: `longer than maxLimit ${c.maxLimit}` };
  return undefined;
}

function isRfc3339(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  return true;
}
