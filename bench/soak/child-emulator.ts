/**
 * The emulator as a child process (`node --import tsx emulator/cli.ts`), so the load generator
 * never shares its event loop: started in memory on a free loopback port, with the functions'
 * local configuration in its environment, read until it prints `listening on` and the environment
 * that points the SDK at it. Its output goes to a log file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FUNCTIONS_DIR, INDEX_FILE, LOCAL_FUNCTION_ENV, ROOT } from '../../scripts/local-env';

export interface ChildEmulator {
  url: string;
  /** What the SDK needs in its environment to talk to the child (TCB_CONTEXT_CNFG and the rest). */
  env: Record<string, string>;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

export function startChildEmulator(logFile: string): Promise<ChildEmulator> {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const args = ['--import', 'tsx', join(ROOT, 'emulator', 'cli.ts'), '--port', '0', '--memory', '--functions', FUNCTIONS_DIR, '--indexes', INDEX_FILE];
  const proc: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...LOCAL_FUNCTION_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });

  let exited = false;
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // A soak that dies for any reason must not leave the emulator running.
  const killOnExit = () => {
    if (!exited) proc.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    if (exited) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
    process.removeListener('exit', killOnExit);
    log.end();
  };

  return new Promise((resolve, reject) => {
    let out = '';
    const env: Record<string, string> = {};
    let ready = false;
    const timer = setTimeout(() => {
      if (ready) return;
      void stop();
      reject(new Error(`the emulator did not print "listening on" within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`));
    }, START_TIMEOUT_MS);
    proc.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (ready) return;
      out += chunk;
      for (const m of out.matchAll(/export (\w+)='([^']*)'/g)) env[m[1]] = m[2];
      const listening = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (listening) {
        ready = true;
        clearTimeout(timer);
        out = '';
        resolve({ url: listening[1], env, pid: proc.pid!, stop });
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (!ready) out += chunk;
    });
    proc.once('exit', (code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}) before listening:\n${out.slice(-2000)}`));
    });
  });
}
