// A request worked end to end in local mode (emulator + real framework + real bot and
// store), as in the playground: the helpdesk agent submits in their 1:1, the approval card
// reaches each admin 1:1 (no approvals space configured), an admin approves, the change is
// applied and the agent is told in their space.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { cardText } from '../helpers/cards.js';
import { startDemoOrgApp, type DemoOrgApp } from '../e2e/demo-org-app.js';
import { cardOf, type Harness } from '../e2e/harness.js';

const ADMIN = 'admin@acme.example';
const HELPDESK = 'helpdesk@acme.example';
const EMMA = 'emma.bakker@acme.example';

let app: DemoOrgApp;
let h: Harness;
let store: Store;

beforeAll(async () => {
  // No approvals space: admins get the card 1:1.
  app = await startDemoOrgApp({ prefix: 'e2e-request-', config: { approvalsRoomId: undefined, requestExpiryDays: 7 } });
  ({ h, store } = app);
});

afterAll(async () => {
  await app?.stop();
});

describe('a helpdesk request end to end in local mode', () => {
  it('submit → approval card 1:1 to the admin → approve → applied, the agent told in their space', async () => {
    const helpdeskRoom = await h.directRoomOf(HELPDESK);
    const adminRoom = await h.directRoomOf(ADMIN);
    const adminMarker = h.snapshot(adminRoom);
    const said = await h.say(HELPDESK, helpdeskRoom, `licenses ${EMMA}`);
    const overview = await h.nextCard(helpdeskRoom, said);
    const services = await h.click(HELPDESK, overview, 'Edit licenses');
    const licenses = await h.click(HELPDESK, services, 'Choose service', { service: 'messaging' });
    const review = await h.click(HELPDESK, licenses, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    const submitted = await h.click(HELPDESK, review, 'Submit request', { reason: 'Moves to the support team' });
    expect(cardText(cardOf(submitted))).toContain('Request submitted');

    const approval = await h.nextCard(adminRoom, adminMarker, 'Change request for Emma Bakker');
    expect(cardText(cardOf(approval))).toContain('Moves to the support team');
    const helpdeskMarker = h.snapshot(helpdeskRoom);
    const decided = await h.click(ADMIN, approval, 'Approve', { comment: 'fine' });
    expect(cardText(cardOf(decided))).toContain('Request approved');
    expect(store.userByEmail(EMMA)!.licenseIds).toContain('lic-adv-messaging-100101');
    const told = await h.nextCard(helpdeskRoom, helpdeskMarker, 'Request approved');
    expect(cardText(cardOf(told))).toContain('was approved by admin@acme.example and the change is saved');
  });
});
