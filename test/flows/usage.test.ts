// `usage` as an admin sees it: licenses under their subscription's heading, named as Control
// Hub names them, used / total as text and as a bar of 20 cells filled in proportion to used units.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES } from '../cards/check-card.js';
import { ADMIN, createHarness, type Harness } from '../helpers/bot-harness.js';
import { walk } from '../helpers/cards.js';

let h: Harness;
afterEach(async () => h?.close());

type Json = Record<string, unknown>;

const filled = (bar: Json | undefined) => [...String(bar?.text ?? '')].filter((c) => c === '█').length;

/** Each license row of the card: its name, its numbers (with their color) and its bar (text and color). */
function licenseRows(card: unknown): { name: string; usage: Json; bar: Json | undefined }[] {
  const rows: { name: string; usage: Json; bar: Json | undefined }[] = [];
  walk(card, (node) => {
    if (node.type !== 'Container' || !Array.isArray(node.items)) return;
    const [head, bar] = node.items as Json[];
    if (head?.type !== 'ColumnSet') return;
    const [nameColumn, usageColumn] = head.columns as Json[];
    const text = (column: Json) => (column.items as Json[])[0]!;
    rows.push({ name: String(text(nameColumn!).text), usage: text(usageColumn!), bar: bar?.type === 'TextBlock' ? bar : undefined });
  });
  return rows;
}

describe('usage', () => {
  it('groups licenses by subscription with Control Hub names, no ids, and used / total as text and bar', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'usage');
    const text = h.lastText();
    const card = h.lastCard().card!;
    expect(text).toMatch(/Subscription Sub-100101\nEnterprise Agreement - Calling and Messaging\nWebex Calling - Professional\n\d+ \/ 31/);
    expect(text).toMatch(/Subscription Sub-100102\nEnterprise Agreement - Meetings\nMeeting - Webex Enterprise Edition \(acme.webex.com\)/);
    expect(text).toContain('Meeting - Webex Enterprise Edition (acme-training.webex.com)\n5 / 5 · FULL');
    expect(JSON.stringify(card)).not.toMatch(/lic-[a-z]/); // no internal license ids anywhere on the card
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(MAX_CARD_BYTES / 2);

    const rows = licenseRows(card);
    expect(rows.map((r) => r.name)).toHaveLength(h.store.licenses().length);
    for (const row of rows) {
      const [used, total] = String(row.usage.text).split(' · ')[0]!.split(' / ').map(Number) as [number, number];
      expect([...String(row.bar!.text)], row.name).toHaveLength(20);
      expect(Math.abs(filled(row.bar) - (used / total) * 20), row.name).toBeLessThanOrEqual(1); // in proportion
      expect(filled(row.bar) === 20, row.name).toBe(used >= total); // all filled only when full
      expect(row.bar!.color, row.name).toBe(used >= total ? 'Attention' : 'Good');
    }
    const training = rows.find((r) => r.name.includes('acme-training'))!;
    expect(training.usage).toMatchObject({ text: '5 / 5 · FULL', color: 'Attention', weight: 'Bolder' });
    expect(training.bar).toMatchObject({ text: '█'.repeat(20), color: 'Attention' });
    const messaging = rows.find((r) => r.name === 'Advanced Messaging')!;
    expect(messaging.usage).toMatchObject({ text: '7 / 11', color: 'Default' });
    expect(filled(messaging.bar)).toBe(13); // 7 of 11
  });

  it('the bar follows a change: one more unit used, one fewer free', async () => {
    h = await createHarness();
    await h.say(ADMIN, 'licenses emma.bakker@acme.example');
    await h.click(ADMIN, 'Edit licenses');
    await h.click(ADMIN, 'Choose service', { service: 'messaging' });
    await h.click(ADMIN, 'Apply and review', { 'lic.lic-adv-messaging-100101': 'true' });
    await h.click(ADMIN, 'Save');
    await h.say(ADMIN, 'usage');
    const messaging = licenseRows(h.lastCard().card).find((r) => r.name === 'Advanced Messaging')!;
    expect(messaging.usage.text).toBe('8 / 11');
    expect(filled(messaging.bar)).toBe(15); // 8 of 11
  });

  it.each([
    { extra: 10, bars: true },
    { extra: 30, bars: false },
  ])('$extra more licenses: a card Webex takes (bars: $bars; without them when they would pass 15 KB)', async ({ extra, bars }) => {
    h = await createHarness();
    const subscriptions = Array.from({ length: Math.ceil(extra / 5) }, (_, i) => ({ id: `Sub-9${i}`, name: `Agreement ${i}` }));
    const licenses = Array.from({ length: extra }, (_, n) => ({
      id: `big-${n}`,
      name: `Advanced Messaging ${n}`,
      service: 'messaging' as const,
      subscriptionId: subscriptions[Math.floor(n / 5)]!.id,
      totalUnits: 10,
    }));
    await h.store.commit({ mutations: [{ type: 'catalog.put', sites: [], subscriptions, licenses }], audit: [] });
    await h.say(ADMIN, 'usage');
    const card = h.lastCard().card!;
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(MAX_CARD_BYTES);
    const rows = licenseRows(card);
    expect(rows).toHaveLength(10 + extra);
    expect(rows.find((r) => r.name === 'Advanced Messaging 4')).toMatchObject({ usage: { text: '0 / 10' } });
    expect(rows.every((r) => (r.bar !== undefined) === bars)).toBe(true);
  });

  it('in Dutch: Abonnement and Geen licenties meer beschikbaar', async () => {
    h = await createHarness({ botLocale: 'nl' });
    await h.say(ADMIN, 'gebruik');
    expect(h.lastText()).toContain('Abonnement Sub-100102');
    expect(h.lastText()).toContain('5 / 5 · Geen licenties meer beschikbaar');
  });
});
