// Entry point of the fake OpenEVSE device process (compiled to CommonJS by child-peer.ts and run with node): it opens
// its end of a socat pty pair and answers RAPI there; the test scripts the EV over stdin.
import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { FakeOpenEvseDevice } from './fake-openevse-device.js';

const path = process.argv[2] ?? '';
const port = new SerialPort({ path, baudRate: 115200 });
port.setEncoding('latin1');
const device = new FakeOpenEvseDevice((text) => port.write(text, 'latin1'));
port.on('data', (text: string) => device.receive(text));
port.on('open', () => process.stdout.write('ready\n'));
port.on('error', (error: Error) => {
  process.stderr.write(`fake OpenEVSE on ${path}: ${error.message}\n`);
  process.exit(2);
});

const commands: Record<string, (arg: string | undefined) => void> = {
  plug: () => device.plugIn(),
  unplug: () => device.unplug(),
  charge: (arg) => device.requestCharge(arg === 'on'),
  fault: (arg) => device.setFault(arg === undefined || arg === 'none' ? undefined : Number.parseInt(arg, 16)),
  silent: (arg) => (device.silent = arg === 'on'),
  reboot: () => device.reboot(),
};

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const [name = '', arg] = line.trim().split(' ');
  const command = commands[name];
  if (command === undefined) process.stdout.write(`error unknown command ${name}\n`);
  else {
    command(arg);
    process.stdout.write(`ok ${line.trim()}\n`);
  }
});
// The parent's end of stdin closing means the test is gone: never outlive it.
input.on('close', () => process.exit(0));
