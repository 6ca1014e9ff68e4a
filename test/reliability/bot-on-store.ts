// The real bot on a real store over a temp copy of the demo org, like test/helpers/bot-harness.ts,
// but with what reliability tests need on top: injectable file operations, more admins
// (config.adminEmails), and one Editor (own outbox and room) per person.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBot } from '../../src/bot/index.js';
import type { BotCore } from '../../src/bot/types.js';
import type { Actor, AuditEntry } from '../../src/domain/index.js';
import { openStore, type FileOps, type Store } from '../../src/store/index.js';
import { Editor } from './editor.js';

export const DEMO_ORG = fileURLToPath(new URL('../../data/demo-org.json', import.meta.url));

export const ADMIN: Actor = { personId: 'p-admin', email: 'admin@acme.example', displayName: 'Acme IT Admin' };
export const ADMIN2: Actor = { personId: 'p-noor', email: 'noor.admin@acme.example', displayName: 'Noor El Amrani' };
export const HELPDESK: Actor = { personId: 'p-helpdesk', email: 'helpdesk@acme.example', displayName: 'Acme Helpdesk' };
export const STRANGER: Actor = { personId: 'p-stranger', email: 'someone@acme.example', displayName: 'Some One' };

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
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'reliability-'));
  const dataFile = path.join(dir, 'db.json');
  const auditFile = path.join(dir, 'audit.log');
  copyFileSync(DEMO_ORG, dataFile);
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
    auditLines: () =>
      readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as AuditEntry),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      const problems = [...editors.values()].flatMap((e) => e.outbox.cardProblems);
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
  };
}
