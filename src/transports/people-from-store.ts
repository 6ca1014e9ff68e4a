// Who exists in local mode: everyone with a role (in the store or from ADMIN_EMAILS /
// HELPDESK_EMAILS) and every user of the org.
import type { PersonSeed } from '../emulator/index.js';
import type { StoreReader } from '../store/types.js';

export interface ConfiguredRoles {
  adminEmails: readonly string[];
  helpdeskEmails: readonly string[];
}

export function peopleFromStore(store: StoreReader, configured: ConfiguredRoles = { adminEmails: [], helpdeskEmails: [] }): PersonSeed[] {
  const seeds = new Map<string, PersonSeed>();
  const withRole = [
    ...store.roles().map((r) => ({ email: r.email, role: r.role as string })),
    ...configured.adminEmails.map((email) => ({ email, role: 'admin' })),
    ...configured.helpdeskEmails.map((email) => ({ email, role: 'helpdesk' })),
  ];
  for (const { email: raw, role } of withRole) {
    const email = raw.toLowerCase();
    if (seeds.has(email)) continue;
    const user = store.userByEmail(email);
    seeds.set(email, { email, displayName: user?.displayName ?? nameFromEmail(email), label: role });
  }
  const all = store.searchUsers({ limit: 10_000 });
  for (const user of all.users) {
    const email = user.email.toLowerCase();
    if (!seeds.has(email)) seeds.set(email, { email, displayName: user.displayName, label: 'none' });
  }
  return [...seeds.values()];
}

/** "ann.de-vries@acme.example" → "Ann De-vries" */
function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._]/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}
