// Run a TypeScript child quickly many times: bundle it once with esbuild (already in
// node_modules as tsx's compiler) so each start is plain `node`, not a TypeScript load.
// The bundle sits two folders below the repository root because src/ finds the card
// templates relative to its own file (../../cards/). Packages are bundled too (some,
// like adaptivecards, import paths Node's ESM loader cannot resolve); the banner gives
// their CommonJS code a `require` for Node's built-in modules.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { seededRandom as prng } from '../../bench/prng.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function bundleChild(entry: string): Promise<string> {
  const outDir = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `reliability-${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

export interface KilledRun {
  /** Complete stdout lines printed before the kill (a line cut by the kill does not count). */
  lines: string[];
  pid: number;
}

/**
 * Start `node bundle args…`, wait for its "ready" line, then SIGKILL it as soon as
 * `killWhen(lines)` says so (checked on every chunk of output). Rejects if the child
 * ends any other way.
 */
export function runUntilKilled(options: { bundle: string; args: string[]; killWhen: (lines: string[]) => boolean; guardMs?: number }): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bundle, ...options.args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } });
    let out = '';
    let err = '';
    let killed = false;
    const kill = () => {
      if (!killed) child.kill('SIGKILL');
      killed = true;
    };
    const guard = setTimeout(kill, options.guardMs ?? 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.startsWith('ready\n') || killed) return;
      if (options.killWhen(out.split('\n').slice(1, -1))) kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL' || !out.startsWith('ready\n')) {
        reject(new Error(`child ended without our kill (signal ${signal}): ${err}`));
        return;
      }
      resolve({ lines: out.split('\n').slice(1, -1), pid: child.pid! });
    });
  });
}

/** The benchmark's seeded PRNG (mulberry32): the same sequence on every run. */
export const seededRandom = (seed: number): (() => number) => prng(seed).next;
