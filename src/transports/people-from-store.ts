// Who exists in local mode: everyone with a role and every user of the org, from the store.
import type { PersonSeed } from '../emulator/index.js';
import type { StoreReader } from '../store/types.js';

export function peopleFromStore(store: StoreReader): PersonSeed[] {
  const seeds = new Map<string, PersonSeed>();
  const userByEmail = (email: string) => store.userByEmail(email);
  for (const role of store.roles()) {
    const email = role.email.toLowerCase();
    const user = userByEmail(email);
    seeds.set(email, { email, displayName: user?.displayName ?? nameFromEmail(email), label: role.role });
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
