// `export` (admins): the users as a Control Hub CSV, posted as a file in the space. Audited,
// since the file holds every user's email and licenses.
import { exportCsv } from '../csv/export.js';
import type { FlowContext } from './context.js';
import { tr } from '../i18n/index.js';

export async function exportUsers(ctx: FlowContext): Promise<void> {
  const data = Buffer.from(exportCsv(ctx.store), 'utf8');
  const filename = `users-${ctx.now().toISOString().slice(0, 10)}.csv`;
  const count = ctx.store.userCount();
  await ctx.outbox.sendFile(ctx.roomId, { filename, contentType: 'text/csv', data, markdown: tr(ctx, 'export.done', { count, filename }) });
  await ctx.store.audit([
    { action: 'export', actorId: ctx.actor.personId, actorEmail: ctx.actor.email, eventId: ctx.eventId, details: { filename, users: count, bytes: data.length } },
  ]);
}
