// The real bot on a real store (a temp copy of the demo org) behind the local app: the
// set-up the end-to-end and Webex-fault tests share.
import { createBot, type BotCore, type CreateBotOptions } from '../../src/bot/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { orgSeedFromStore } from '../../src/transports/org-from-store.js';
import { peopleFromStore } from '../../src/transports/people-from-store.js';
import { ADMIN, copyDemoOrg, type DemoOrgCopy } from '../helpers/demo-org-copy.js';
import { startHarness, type Harness } from './harness.js';

export interface DemoOrgApp {
  h: Harness;
  bot: BotCore;
  store: Store;
  files: DemoOrgCopy;
  /** Stops the app, closes the store and deletes the folder. */
  stop(): Promise<void>;
}

/** Config as `npm start` gives it (auditFile included), with no admins by config: the demo org's roles decide. */
/** org: the emulator plays the demo org too, and the bot gets its admin connection (as `npm start` locally). */
/** now: the desk's clock (a test moves it to see a grant end). */
export async function startDemoOrgApp(options: { prefix: string; config?: Partial<CreateBotOptions['config']>; org?: boolean; orgWork?: CreateBotOptions['orgWork']; now?: () => Date }): Promise<DemoOrgApp> {
  const files = copyDemoOrg({ prefix: options.prefix });
  const store = await openStore({ dataFile: files.dataFile, auditFile: files.auditFile });
  const bot = createBot({ store, config: { adminEmails: [], helpdeskEmails: [], botLocale: 'en', auditFile: files.auditFile, ...options.config }, ...(options.orgWork ? { orgWork: options.orgWork } : {}), ...(options.now ? { now: options.now } : {}) });
  const h = await startHarness({ bot, people: peopleFromStore(store), ...(options.org ? { org: orgSeedFromStore(store, { adminEmail: ADMIN.email }) } : {}) });
  return {
    h,
    bot,
    store,
    files,
    async stop() {
      await h.stop();
      await store.close();
      files.remove();
    },
  };
}
