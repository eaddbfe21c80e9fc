import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The node_modules the compiled peer resolves `serialport` from (CommonJS honours NODE_PATH). */
const nodeModules = join(dirname(createRequire(import.meta.url).resolve('serialport/package.json')), '..');

/** The fake device's sources, relative to src/. */
const PEER_SOURCES = ['testing/fake-openevse-process.ts', 'testing/fake-openevse-device.ts', 'rapi/rapi-frame.ts'];

/** Compiles the fake device process to CommonJS in a temporary directory; returns that directory. */
export async function compileFakeOpenEvse(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'fake-openevse-'));
  for (const source of PEER_SOURCES) {
    const text = await readFile(join(srcDir, source), 'utf8');
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = join(outDir, relative(srcDir, join(srcDir, source)).replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  return outDir;
}

/** Removes a directory made by compileFakeOpenEvse. */
export function removeCompiled(outDir: string): Promise<void> {
  return rm(outDir, { recursive: true, force: true });
}

/** A fake OpenEVSE running as its own process on one end of a pty pair, scripted over stdin (hardware.md 7). */
export class FakeOpenEvseProcess {
  private output = '';
  private readonly waiters: { line: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      this.output += chunk;
      const lines = this.output.split('\n');
      this.output = lines.pop() ?? '';
      for (const line of lines) {
        const index = this.waiters.findIndex((w) => w.line === line);
        if (index >= 0) this.waiters.splice(index, 1)[0]?.resolve();
      }
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`fake OpenEVSE exited before "${waiter.line}"`));
        resolve();
      }),
    );
  }

  /** Starts the device on `path` and resolves once its port is open. */
  static async start(outDir: string, path: string): Promise<FakeOpenEvseProcess> {
    const child = spawn(process.execPath, [join(outDir, 'testing', 'fake-openevse-process.js'), path], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: nodeModules },
    });
    const peer = new FakeOpenEvseProcess(child);
    await peer.waitFor('ready');
    return peer;
  }

  /** Sends a script command (`plug`, `charge on`, `fault 06`, ...) and waits for its acknowledgement. */
  async command(line: string): Promise<void> {
    const acknowledged = this.waitFor(`ok ${line}`);
    this.child.stdin?.write(`${line}\n`);
    await acknowledged;
  }

  /** Kills the device (SIGKILL: no goodbye on the wire) and resolves once it has exited. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  private waitFor(line: string): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ line, resolve, reject }));
  }
}
