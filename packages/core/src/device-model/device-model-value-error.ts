/** A station-side write (setInternal, registerDynamicValue) the device model refuses: unknown variable, constant or invalid value. */
export class DeviceModelValueError extends Error {
  override readonly name = 'DeviceModelValueError';
}
