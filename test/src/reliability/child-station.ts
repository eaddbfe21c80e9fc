import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..', '..');

/**
 * Compiles a child-process script of this folder to ESM in a temporary folder inside the test package, so Node
 * resolves `@evstation/*` to their built dist/ (turbo builds them before the tests). Fails clearly when they are not built.
 */
export async function compileChildScript(name: string): Promise<{ path: string; dispose: () => Promise<void> }> {
  const coreEntry = createRequire(import.meta.url).resolve('@evstation/core');
  if (!existsSync(coreEntry)) throw new Error(`${coreEntry} is missing: run \`npm run build\` (npm test builds it first)`);
  const source = await readFile(join(here, `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const dir = await mkdtemp(join(packageDir, '.tmp-child-'));
  const path = join(dir, `${name}.mjs`);
  await writeFile(path, outputText);
  return { path, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A forked station process: resolves `running` when it says so over IPC, `exited` with its exit code or signal. */
export interface ChildStation {
  process: ChildProcess;
  running: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** Forks a compiled child script with `args` and extra environment. */
export function forkChild(path: string, args: string[], env: Record<string, string> = {}): ChildStation {
  // Not the test worker's execArgv/NODE_OPTIONS: they carry the `@evstation/source` condition (TypeScript sources).
  const { NODE_OPTIONS: _workerOptions, ...inherited } = process.env;
  const child = fork(path, args, { execArgv: [], env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    void exited.then(({ code, signal }) => reject(new Error(`child exited (${code ?? signal}) before running: ${stderr}`)));
  });
  running.catch(() => undefined);
  return { process: child, running, exited, stderr: () => stderr };
}
