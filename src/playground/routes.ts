// The playground page and its small local-only API: who you can be (with their emulator
// tokens), opening a 1:1 with the bot, the emulator's event log (polling or SSE), and
// the emulated org's "Control Hub" (org-routes.ts).
// Messages and card submits go through the emulator's /v1 API, exactly as a Webex client would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Emulator, LogEntry } from '../emulator/index.js';
import { orgRoutes } from './org-routes.js';

const require = createRequire(import.meta.url);
const STATIC_FILES: Record<string, { file: URL | string; type: string }> = {
  '/': { file: new URL('./static/index.html', import.meta.url), type: 'text/html; charset=utf-8' },
  '/playground/app.js': { file: new URL('./static/app.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/playground/webex-host-config.js': { file: new URL('./static/webex-host-config.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/playground/files.js': { file: new URL('./static/files.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/playground/org-panel.js': { file: new URL('./static/org-panel.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/playground/style.css': { file: new URL('./static/style.css', import.meta.url), type: 'text/css; charset=utf-8' },
  '/playground/adaptivecards.js': {
    file: require.resolve('adaptivecards/dist/adaptivecards.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

const DirectSchema = z.object({ personId: z.string().min(1) });

export function playgroundRoutes(options: { emulator: Emulator }): Hono {
  const { emulator } = options;
  const app = new Hono();

  for (const [path, { file, type }] of Object.entries(STATIC_FILES)) {
    // Read on each request: small files, and edits show without a restart.
    app.get(path, (c) => c.body(readFileSync(file), 200, { 'content-type': type, 'cache-control': 'no-store' }));
  }

  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/playground/api/people', (c) => {
    const people = emulator.people().map((p) => ({
      id: p.id,
      email: p.emails[0],
      displayName: p.displayName,
      label: p.label,
      type: p.type,
      token: p.type === 'bot' ? undefined : emulator.state.tokenOf(p.id),
    }));
    return c.json({ bot: { id: emulator.state.bot.id, displayName: emulator.state.bot.displayName, email: emulator.state.bot.emails[0] }, groupRoomId: emulator.groupRoom.id, people });
  });

  app.post('/playground/api/direct', async (c) => {
    const parsed = DirectSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success || !emulator.state.people.has(parsed.data.personId)) return c.json({ error: 'unknown person' }, 400);
    const room = emulator.openDirectRoom(parsed.data.personId);
    return c.json({ roomId: room.id });
  });

  app.route('/playground/api/org', orgRoutes({ emulator }));

  app.get('/playground/api/log', (c) => c.json({ entries: emulator.log.since(Number(c.req.query('since') ?? 0)) }));

  app.get('/playground/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: LogEntry[] = [...emulator.log.since(Number(c.req.query('since') ?? 0))];
      let wake: (() => void) | undefined;
      const unsubscribe = emulator.log.subscribe((entry) => {
        queue.push(entry);
        wake?.();
      });
      stream.onAbort(unsubscribe);
      while (!stream.aborted) {
        while (queue.length) {
          const entry = queue.shift() as LogEntry;
          await stream.writeSSE({ data: JSON.stringify(entry), id: String(entry.seq), event: 'log' });
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 15_000); // keep-alive tick
        });
        wake = undefined;
        if (!queue.length) await stream.writeSSE({ data: '', event: 'ping' });
      }
      unsubscribe();
    }),
  );
  return app;
}
