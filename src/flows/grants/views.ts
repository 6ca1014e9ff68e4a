// What a grant's cards show, gathered from the store: its user and license by name.
import type { Grant } from '../../domain/index.js';
import type { StoreReader } from '../../store/index.js';
import type { GrantView } from './cards.js';
import { userName } from '../format.js';
import { licenseLabel } from '../org-view.js';

export function grantView(store: StoreReader, grant: Grant): GrantView {
  const user = store.user(grant.userId);
  return { grant, user: user ? `${userName(user)} · ${user.email}` : grant.userId, userName: userName(user, grant.userId), license: licenseLabel(store, grant.licenseId) };
}
