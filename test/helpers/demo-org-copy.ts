// The demo org (data/demo-org.json) copied into a test's own temp folder, the people the
// bot tests act as, and the audit file read back as entries. Shared by the fake-transport
// harness, the reliability harness and the end-to-end tests.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor, AuditEntry } from '../../src/domain/index.js';
import { DEMO_ORG_FILE } from '../../src/demo/demo-org.js';

export const DEMO_ORG = DEMO_ORG_FILE;

export const ADMIN: Actor = { personId: 'p-admin', email: 'admin@acme.example', displayName: 'Acme IT Admin' };
export const ADMIN2: Actor = { personId: 'p-noor', email: 'noor.admin@acme.example', displayName: 'Noor El Amrani' };
export const HELPDESK: Actor = { personId: 'p-helpdesk', email: 'helpdesk@acme.example', displayName: 'Acme Helpdesk' };
export const STRANGER: Actor = { personId: 'p-stranger', email: 'someone@acme.example', displayName: 'Some One' };

export interface DemoOrgCopy {
  dir: string;
  dataFile: string;
  auditFile: string;
  /** Deletes the folder with everything the store wrote in it. */
  remove(): void;
}

/** A fresh temp folder (or the given one) holding db.json = the demo org; audit.log beside it. */
export function copyDemoOrg(options: { prefix: string; dir?: string }): DemoOrgCopy {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), options.prefix));
  const dataFile = path.join(dir, 'db.json');
  copyFileSync(DEMO_ORG, dataFile);
  return { dir, dataFile, auditFile: path.join(dir, 'audit.log'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function readAuditLines(auditFile: string): AuditEntry[] {
  return readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as AuditEntry);
}
