// Local mode only: drop the one line the Webex SDK prints on every start against the
// emulator, "services: failed to init initial services, the provided token is not a valid
// format". The SDK reads the org id out of a real token (`<secret>_<cluster>_<orgId>`) to
// fetch its service catalog from Cisco's U2C service (u2c.wbx2.com). We do not give the
// emulator a token of that shape: the SDK would then call U2C over the internet from local
// mode (offline: "getaddrinfo ENOTFOUND u2c.wbx2.com"), and the emulator does not play U2C.
// Without the catalog the SDK stays on HYDRA_SERVICE_URL, which is what local mode wants.
// Only that line is dropped; every other SDK line still prints.
import type { WebexSdk } from './framework-types.js';

const EMULATOR_TOKEN_LINE = /services: failed to init initial services, the provided token is not a valid format/;

type LogFn = (...args: unknown[]) => unknown;

/** Wrap the SDK logger's `error` so the emulator-token line is not printed. Call right after framework.start(). */
export function dropEmulatorTokenLine(webex: WebexSdk): void {
  const logger = webex.logger;
  if (!logger || typeof logger.error !== 'function') return;
  const error = logger.error as LogFn;
  logger.error = function (this: unknown, ...args: unknown[]) {
    if (args.some((arg) => typeof arg === 'string' && EMULATOR_TOKEN_LINE.test(arg))) return undefined;
    return error.apply(this, args);
  };
}
