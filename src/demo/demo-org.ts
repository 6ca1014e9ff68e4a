// Reads the committed demo org (data/demo-org.json), validated like any file from outside.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OrgDocumentSchema, type OrgDocument } from '../domain/index.js';
import { DEMO_ACTIVITY_AS_OF } from './build-demo-org.js';

/** data/demo-org.json in this checkout, wherever the bot is started from. */
export const DEMO_ORG_FILE = fileURLToPath(new URL('../../data/demo-org.json', import.meta.url));

export function loadDemoOrg(file: string = DEMO_ORG_FILE): OrgDocument {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the demo org ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const parsed = OrgDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`the demo org ${file} is not a valid org document: ${first?.path.join('.')}: ${first?.message}`);
  }
  return parsed.data;
}

/**
 * The demo with its lastActivity dates moved so that DEMO_ACTIVITY_AS_OF is `now`: a desk
 * started from it today sees the same people idle for the same days (`reclaim`) as the file says.
 */
export function withActivityAsOf(document: OrgDocument, now: Date): OrgDocument {
  const shift = now.getTime() - Date.parse(DEMO_ACTIVITY_AS_OF);
  const moved = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  return { ...document, users: document.users.map((user) => (user.lastActivity ? { ...user, lastActivity: moved(user.lastActivity) } : user)) };
}
