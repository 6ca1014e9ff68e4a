// Real file operations with a switchable "disk full": while armed, writes or fsyncs of
// files matching a pattern throw ENOSPC (a write first writes a few bytes, as a real
// short write does, so the store must cut the tail off again). `skip` lets that many
// matching operations pass first, to hit the second of two commits.
import { nodeFileOps, type FileOps } from '../../src/store/index.js';

export interface DiskFault {
  file: RegExp;
  on: 'write' | 'sync';
  /** Matching operations that still succeed before the failures start. */
  skip?: number;
}

export function faultyFs(): { ops: FileOps; arm(fault: DiskFault): void; disarm(): void; failures(): number } {
  let fault: (DiskFault & { skipped: number }) | undefined;
  let failures = 0;
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
  const shouldFail = (file: string, on: DiskFault['on']): boolean => {
    if (!fault || fault.on !== on || !fault.file.test(file)) return false;
    if (fault.skipped < (fault.skip ?? 0)) {
      fault.skipped++;
      return false;
    }
    failures++;
    return true;
  };
  const ops: FileOps = {
    ...nodeFileOps,
    async open(file, flags) {
      const handle = await nodeFileOps.open(file, flags);
      return {
        async write(buffer, offset, length, position) {
          if (shouldFail(file, 'write')) {
            await handle.write(buffer, offset, Math.min(length, 5), position);
            throw enospc();
          }
          return handle.write(buffer, offset, length, position);
        },
        read: (...args) => handle.read(...args),
        async sync() {
          if (shouldFail(file, 'sync')) throw enospc();
          return handle.sync();
        },
        truncate: (length) => handle.truncate(length),
        stat: () => handle.stat(),
        close: () => handle.close(),
      };
    },
  };
  return {
    ops,
    arm: (next) => void (fault = { ...next, skipped: 0 }),
    disarm: () => void (fault = undefined),
    failures: () => failures,
  };
}
