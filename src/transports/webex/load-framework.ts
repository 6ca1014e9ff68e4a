// Load webex-node-bot-framework lazily: the Webex SDK reads HYDRA_SERVICE_URL once, when
// it is first loaded (webex-core/dist/config.js), so the caller sets it first (local mode
// points it at the emulator). A second API base in the same process cannot work: refuse it.
import { createRequire } from 'node:module';
import type { FrameworkConstructor, ProcessEvent } from './framework-types.js';

const require = createRequire(import.meta.url);

export interface LoadedFramework {
  Framework: FrameworkConstructor;
  /** The framework's own event processing, called after our signature check (see http-routes.ts). */
  processEvent: ProcessEvent;
}

export function loadFramework(expectedApiBase?: string): LoadedFramework {
  const Framework = require('webex-node-bot-framework') as FrameworkConstructor;
  const processEvent = require('webex-node-bot-framework/lib/process-event.js') as ProcessEvent;
  if (expectedApiBase !== undefined) {
    const sdkConfig = require('@webex/webex-core/dist/config.js') as { default: { services: { discovery: { hydra: string } } } };
    const loaded = sdkConfig.default.services.discovery.hydra;
    if (loaded !== expectedApiBase) {
      throw new Error(
        `the Webex SDK was loaded with API base ${loaded}, not ${expectedApiBase}: set HYDRA_SERVICE_URL before the SDK loads (one API base per process)`,
      );
    }
  }
  return { Framework, processEvent };
}
