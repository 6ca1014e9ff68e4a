// The real bot on a real store over a temp copy of the demo org, like test/helpers/bot-harness.ts,
// but with what reliability tests need on top: injectable file operations, more admins
// (config.adminEmails), and one Editor (own outbox and room) per person.
import { createBot } from '../../src/bot/index.js';
import type { BotCore } from '../../src/bot/types.js';
import type { Actor, AuditEntry } from '../../src/domain/index.js';
import { openStore, type FileOps, type Store } from '../../src/store/index.js';
import { copyDemoOrg, readAuditLines } from '../helpers/demo-org-copy.js';
import { Editor } from './editor.js';

export { ADMIN, ADMIN2, DEMO_ORG, HELPDESK, STRANGER } from '../helpers/demo-org-copy.js';

/** Extra admins (by config.adminEmails), e.g. the 50 concurrent editors. */
export function extraAdmin(index: number): Actor {
  return { personId: `p-editor-${index}`, email: `editor.${index}@acme.example`, displayName: `Editor ${index}` };
}

export interface BotOnStore {
  bot: BotCore;
  store: Store;
  dir: string;
  dataFile: string;
  auditFile: string;
  editor(actor: Actor): Editor;
  auditLines(): AuditEntry[];
  close(): Promise<void>;
}

export async function startBotOnStore(options: { fs?: FileOps; extraAdmins?: number; dir?: string; checkpointEvery?: number } = {}): Promise<BotOnStore> {
  const files = copyDemoOrg({ prefix: 'reliability-', dir: options.dir });
  const { dir, dataFile, auditFile } = files;
  const store = await openStore({ dataFile, auditFile, fs: options.fs, checkpointEvery: options.checkpointEvery, now: () => new Date('2026-11-27T10:00:00.000Z') });
  let ids = 0;
  const bot = createBot({
    store,
    config: {
      adminEmails: Array.from({ length: options.extraAdmins ?? 0 }, (_, i) => extraAdmin(i).email),
      helpdeskEmails: [],
      botLocale: 'en',
    },
    now: () => new Date('2026-11-27T10:00:00.000Z'),
    newId: () => `draft-${++ids}`,
    botNames: ['LicenseDesk'],
  });
  const editors = new Map<string, Editor>();
  return {
    bot,
    store,
    dir,
    dataFile,
    auditFile,
    editor(actor) {
      let editor = editors.get(actor.personId);
      if (!editor) editors.set(actor.personId, (editor = new Editor(bot, actor)));
      return editor;
    },
    auditLines: () => readAuditLines(auditFile),
    async close() {
      await store.close();
      files.remove();
      const problems = [...editors.values()].flatMap((e) => e.outbox.cardProblems);
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
  };
}
