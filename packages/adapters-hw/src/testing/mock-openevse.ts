import { SerialPortMock } from 'serialport';
import { SerialportStream } from '../serial/serialport-stream.js';
import { FakeOpenEvseDevice } from './fake-openevse-device.js';

/** @serialport/binding-mock's singleton, reached through serialport (its own package exports carry no ESM types). */
const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

/**
 * A FakeOpenEvseDevice behind `@serialport/binding-mock` (hardware.md 2.1): the adapter opens the path through the
 * real SerialportStream; the device answers what the adapter writes. `unplug()` makes the next write fail with EIO
 * and reopening fail until `replug()`, like pulling a USB adapter.
 */
export class MockOpenEvse {
  readonly device: FakeOpenEvseDevice;
  readonly stream: SerialportStream;
  private port: MockPortBinding | undefined;
  private unplugged = false;
  private readonly originalOpen = MockBinding.open.bind(MockBinding);

  constructor(readonly path = '/dev/FAKE_OPENEVSE') {
    MockBinding.createPort(path, { echo: false, record: true });
    this.device = new FakeOpenEvseDevice((text) => setImmediate(() => this.port?.emitData(text)));
    this.stream = new SerialportStream({ path, baudRate: 115200, binding: 'mock' });
    MockBinding.open = async (options) => {
      if (options.path === path && this.unplugged) throw new Error(`Error: ENOENT: no such file or directory, cannot open ${path}`);
      const port = await this.originalOpen(options);
      if (options.path === path) this.attach(port);
      return port;
    };
  }

  /** The USB adapter is pulled: writes fail with EIO, opens fail. */
  unplug(): void {
    this.unplugged = true;
  }

  replug(): void {
    this.unplugged = false;
  }

  /** Restores the binding and forgets every mock port. */
  dispose(): void {
    MockBinding.open = this.originalOpen;
    MockBinding.reset();
  }

  private attach(port: MockPortBinding): void {
    this.port = port;
    const write = port.write.bind(port);
    port.write = async (buffer: Buffer): Promise<void> => {
      if (this.unplugged) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
      await write(buffer);
      const text = buffer.toString('latin1');
      setImmediate(() => this.device.receive(text));
    };
  }
}
