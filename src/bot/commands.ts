// Text commands: one routing primitive, a list of {match, handle}. The text is cleaned
// first (bot mention or name at the start, case, extra spaces), then the first route
// whose match returns arguments handles it.
import type { FlowContext, HelpCommand, HelpLine } from '../flows/index.js';
import {
  HELP_ORDER,
  addExternal,
  addRole,
  exportUsers,
  findUsers,
  listRequests,
  pendingCommand,
  removeRole,
  setLanguage,
  showRequest,
  showHelp,
  showGrants,
  showQueue,
  startAsk,
  inTypedLanguage,
  showHistory,
  showRoles,
  showUsage,
  startEdit,
  startExternal,
  startReassign,
  startUndoCommand,
  startReclaim,
  syncCommand,
  verifyAudit,
  nearMiss,
} from '../flows/index.js';
import type { ActorRole, Locale } from '../domain/index.js';
import { can, type Capability } from '../rules/index.js';


export interface CommandText {
  /** Lower-cased words, for matching. */
  words: string[];
  /** Original words (case kept), for arguments. */
  args: string[];
}

export interface CommandRoute {
  name: string;
  /** Who may run it (R11, asked through the rules' `can`): "view" (admins and helpdesk agents) or "apply" (admins). */
  needs: Capability;
  /** Its line on the help card (help.cmd.<key>), shown to those who may run it. */
  help?: HelpCommand;
  /**
   * The command word(s) shown to Dutch readers (help card, hints, "Did you mean"), when
   * Dutch has its own; else `name` is shown in both languages. The matcher accepts them.
   */
  nl?: string;
  /** Arguments when this route handles the text, else undefined. */
  match(command: CommandText): string[] | undefined;
  /** typed: the words as typed (a route may answer in the language they are in). */
  handle(ctx: FlowContext, args: string[], typed?: CommandText): Promise<void>;
}

/**
 * Every command's first word, in both languages: filled by the matchers below as the route
 * table is built, so a new command or word cannot be forgotten here.
 */
const KNOWN_FIRST_WORDS = new Set<string>();
/** The second words of two-word commands ("add", "remove", "verify"), for near misses. */
const KNOWN_SECOND_WORDS = new Set<string>();

/** Clean the text: drop mentions/the bot's name at the start, collapse spaces. */
export function parseCommandText(text: string, botNames: readonly string[] = []): CommandText {
  let rest = text.replace(/\s+/g, ' ').trim();
  for (;;) {
    const before = rest;
    rest = rest.replace(/^@\S+\s*/, '');
    for (const name of botNames) {
      if (name && rest.toLowerCase().startsWith(`${name.toLowerCase()} `)) rest = rest.slice(name.length).trim();
      else if (name && rest.toLowerCase() === name.toLowerCase()) rest = '';
    }
    if (rest === before) break;
  }
  let args = rest ? rest.split(' ') : [];
  // An unknown one-word name before a known command ("LicenseBot help"): the mention the transport left.
  if (args.length > 1 && !KNOWN_FIRST_WORDS.has(args[0]!.toLowerCase()) && KNOWN_FIRST_WORDS.has(args[1]!.toLowerCase())) {
    args = args.slice(1);
  }
  return { words: args.map((w) => w.toLowerCase()), args };
}

type Match = (c: CommandText) => string[] | undefined;

const first = (...names: string[]): Match => {
  names.forEach((name) => KNOWN_FIRST_WORDS.add(name));
  return (c) => (c.words.length > 0 && names.includes(c.words[0]!) ? c.args.slice(1) : undefined);
};

/** Like first, but only with at least one argument. */
const firstWithArgs = (...names: string[]): Match => {
  const match = first(...names);
  return (c) => (c.args.length > 1 ? match(c) : undefined);
};

/** Like first, but only without arguments. */
const alone = (...names: string[]): Match => {
  const match = first(...names);
  return (c) => (c.args.length === 1 ? match(c) : undefined);
};

/**
 * The ask's words: `request` alone, `aanvragen [license]`, and two phrases ("I need <license>",
 * "ik heb <license> nodig"; a leading article and a trailing "please" are dropped). The phrases'
 * words are not command words: they are never offered as a near miss.
 */
const ASK_FILLER = new Set(['a', 'an', 'the', 'een', 'de', 'het', 'please', 'alstublieft', 'graag', 'license', 'licence', 'licentie']);
const trimFiller = (args: string[]): string[] => {
  const rest = [...args];
  while (rest.length > 0 && ASK_FILLER.has(rest[0]!.toLowerCase())) rest.shift();
  while (rest.length > 0 && ASK_FILLER.has(rest.at(-1)!.toLowerCase().replace(/[.!?]$/, ''))) rest.pop();
  return rest;
};
/**
 * `request R-42` / `42` / an id: the admin's look at a request; one word of letters only
 * (`request calling`) or several (`request attendant console`) is a person's ask.
 */
const REQUEST_REF = /\d|^\{/;
const requestWords = firstWithArgs('request', 'verzoek');
function requestRefWords(c: CommandText): string[] | undefined {
  const args = requestWords(c);
  return args && args.length === 1 && REQUEST_REF.test(args[0]!) ? args : undefined;
}

function askWords(c: CommandText): string[] | undefined {
  const [w1] = c.words;
  if (w1 === 'request' || w1 === 'verzoek') return trimFiller(c.args.slice(1)); // `request` alone, or `request attendant console`
  if (w1 === 'aanvragen') return trimFiller(c.args.slice(1));
  return undefined;
}
/** The ask in Dutch words: the person reads Dutch from then on (when they have not chosen a language). */
const DUTCH_ASK_WORDS = new Set(['aanvragen', 'verzoek', 'ik', 'mijn']);
const inWordsTyped = (ctx: FlowContext, typed: CommandText | undefined): Promise<FlowContext> =>
  DUTCH_ASK_WORDS.has(typed?.words[0] ?? '') ? inTypedLanguage(ctx, 'nl') : Promise.resolve(ctx);

function needWords(c: CommandText): string[] | undefined {
  const [w1, w2] = c.words;
  if (w1 === 'i' && w2 === 'need' && c.words.length > 2) return trimFiller(c.args.slice(2));
  if (w1 === 'ik' && (w2 === 'heb' || w2 === 'wil') && c.words.at(-1)?.replace(/[.!?]$/, '') === 'nodig' && c.words.length > 3) return trimFiller(c.args.slice(2, -1));
  return undefined;
}
KNOWN_FIRST_WORDS.add('aanvragen');

const words = (...names: string[]): Match => {
  names[0]?.split('|').forEach((name) => KNOWN_FIRST_WORDS.add(name));
  names[1]?.split('|').forEach((name) => KNOWN_SECOND_WORDS.add(name));
  return (c) => (names.every((name, i) => name.split('|').includes(c.words[i] ?? '')) ? c.args.slice(names.length) : undefined);
};

export const COMMAND_ROUTES: readonly CommandRoute[] = [
  { name: 'help', needs: 'view', help: 'help', nl: 'hulp', match: first('help', 'hulp', '?'), handle: (ctx) => showHelp(ctx, helpFor(ctx.role, ctx.locale)) },
  { name: 'licenses', needs: 'view', help: 'licenses', nl: 'licenties', match: first('licenses', 'license', 'licence', 'licences', 'licenties', 'licentie'), handle: (ctx, args) => startEdit(ctx, args.join(' ')) },
  { name: 'external add', needs: 'apply', help: 'external-add', nl: 'extern add', match: words('external|extern', 'add'), handle: (ctx, args) => addExternal(ctx, args) },
  { name: 'external', needs: 'view', help: 'external', nl: 'extern', match: first('external', 'extern'), handle: (ctx, args) => startExternal(ctx, args.join(' ')) },
  { name: 'find', needs: 'view', help: 'find', nl: 'zoek', match: firstWithArgs('find', 'zoek', 'zoeken'), handle: (ctx, args) => findUsers(ctx, args.join(' ')) },
  { name: 'usage', needs: 'view', help: 'usage', nl: 'gebruik', match: first('usage', 'gebruik'), handle: (ctx) => showUsage(ctx) },
  // Win licenses back (issue 17): idle users' licenses; its Keep / Remove / Ask the user are an administrator's.
  { name: 'reclaim', needs: 'apply', help: 'reclaim', nl: 'terugwinnen', match: first('reclaim', 'terugwinnen'), handle: (ctx, args) => startReclaim(ctx, args) },
  { name: 'reassign', needs: 'apply', help: 'reassign', match: first('reassign'), handle: (ctx, args) => startReassign(ctx, args.join(' ')) },
  // Admins Save the change back; helpdesk agents file it as a request (the review knows the role).
  { name: 'undo', needs: 'request', help: 'undo', nl: 'ongedaan', match: first('undo', 'ongedaan'), handle: (ctx, args) => startUndoCommand(ctx, args.join(' ')) },
  { name: 'grants', needs: 'view', help: 'grants', nl: 'tijdelijk', match: first('grants', 'grant', 'tijdelijk'), handle: (ctx) => showGrants(ctx) },
  { name: 'language', needs: 'ask', help: 'language', nl: 'taal', match: first('language', 'taal'), handle: (ctx, args) => setLanguage(ctx, args[0] ?? '') },
  { name: 'history', needs: 'view', help: 'history', nl: 'geschiedenis', match: first('history', 'geschiedenis', 'historie'), handle: (ctx, args) => showHistory(ctx, args.join(' ')) },
  { name: 'requests', needs: 'view', help: 'requests', nl: 'verzoeken', match: first('requests', 'verzoeken'), handle: (ctx) => listRequests(ctx) },
  { name: 'my requests', needs: 'ask', help: 'my-requests', nl: 'mijn verzoeken', match: words('my|mijn', 'requests|verzoeken'), handle: async (ctx, _args, typed) => listRequests(await inWordsTyped(ctx, typed), { mine: true }) },
  { name: 'request', needs: 'apply', help: 'request', nl: 'verzoek', match: requestRefWords, handle: (ctx, args) => showRequest(ctx, args[0] ?? '') },
  // Anyone in the org asks for a license for themselves: `request` alone, `aanvragen [license]`, "I need …", "ik heb … nodig".
  { name: 'request', needs: 'ask', help: 'ask', nl: 'aanvragen', match: askWords, handle: async (ctx, args, typed) => startAsk(await inWordsTyped(ctx, typed), args.join(' ')) },
  { name: 'I need', needs: 'ask', nl: 'ik heb', match: needWords, handle: async (ctx, args, typed) => startAsk(await inWordsTyped(ctx, typed), args.join(' ')) },
  { name: 'queue', needs: 'request', help: 'queue', nl: 'openstaand', match: first('queue', 'openstaand'), handle: (ctx, args) => showQueue(ctx, args[0] ?? '') },
  { name: 'roles', needs: 'apply', help: 'roles', nl: 'rollen', match: first('roles', 'rollen'), handle: (ctx) => showRoles(ctx) },
  { name: 'role add', needs: 'apply', help: 'role-add', nl: 'rol add', match: words('role|rol', 'add'), handle: (ctx, args) => addRole(ctx, args) },
  { name: 'role remove', needs: 'apply', help: 'role-remove', nl: 'rol remove', match: words('role|rol', 'remove'), handle: (ctx, args) => removeRole(ctx, args) },
  // `role` alone lists the roles; `role <unknown word> …` falls through to "Did you mean `role add …`?".
  { name: 'role', needs: 'apply', nl: 'rol', match: alone('role', 'rol'), handle: (ctx) => showRoles(ctx) },
  { name: 'audit verify', needs: 'apply', help: 'audit-verify', match: words('audit', 'verify'), handle: (ctx) => verifyAudit(ctx) },
  { name: 'export', needs: 'apply', help: 'export', match: first('export', 'exporteer', 'exporteren'), handle: (ctx) => exportUsers(ctx) },
  { name: 'sync', needs: 'apply', help: 'sync', nl: 'synchroniseren', match: first('sync', 'synchroniseren'), handle: (ctx) => syncCommand(ctx) },
  { name: 'pending', needs: 'apply', help: 'pending', nl: 'wachtrij', match: first('pending', 'wachtrij'), handle: (ctx) => pendingCommand(ctx) },
];

/** The command word(s) a reader of this language is shown: the Dutch ones where the command has them. */
export const shownCommand = (route: CommandRoute, locale: Locale): string => (locale === 'nl' ? (route.nl ?? route.name) : route.name);

/** Each help key's command word(s) in this language, for texts that name commands (`{licenses}`, `{find}`, …). */
export function commandWords(locale: Locale): Record<string, string> {
  return Object.fromEntries(COMMAND_ROUTES.flatMap((r) => (r.help ? [[r.help, shownCommand(r, locale)]] : [])));
}

/** The help card's lines for a role: the commands it may run, in the help card's order, in the reader's words. */
export function helpFor(role: ActorRole, locale: Locale): HelpLine[] {
  const mine = new Map(COMMAND_ROUTES.filter((r) => r.help && can(role, r.needs)).map((r) => [r.help!, shownCommand(r, locale)]));
  return HELP_ORDER.flatMap((help) => {
    const command = mine.get(help);
    return command === undefined ? [] : [{ help, command }];
  });
}

export function routeCommand(command: CommandText): { route: CommandRoute; args: string[] } | undefined {
  for (const route of COMMAND_ROUTES) {
    const args = route.match(command);
    if (args) return { route, args };
  }
  return undefined;
}

/** The known words a typed word is a near miss of, with the number of edits (the word itself, at 0, when known). */
function nearWords(typed: string | undefined, known: ReadonlySet<string>): { word: string; edits: number }[] {
  if (typed === undefined) return [];
  if (known.has(typed)) return [{ word: typed, edits: 0 }];
  return [...known].flatMap((word) => {
    const edits = nearMiss(typed, word);
    return edits === undefined ? [] : [{ word, edits }];
  });
}

/**
 * "Did you mean …?": the text with its first (and second) word replaced by the nearest
 * command words, in either language, that routes to a command this role may run; the fewest
 * edits win. It is shown with the command's words in the reader's language (`licenties` in
 * Dutch, `licenses` in English, whichever was typed). Undefined when nothing is near.
 */
export function suggestCommand(command: CommandText, role: ActorRole, locale: Locale): string | undefined {
  const [typed1, typed2] = command.words;
  let best: { text: string; edits: number } | undefined;
  for (const w1 of nearWords(typed1, KNOWN_FIRST_WORDS)) {
    const seconds = [{ word: command.args[1], edits: 0 }, ...nearWords(typed2, KNOWN_SECOND_WORDS).filter((w) => w.edits > 0)];
    for (const w2 of typed2 === undefined ? [undefined] : seconds) {
      const edits = w1.edits + (w2?.edits ?? 0);
      if (edits === 0 || (best && best.edits <= edits)) continue;
      const args = [w1.word, ...(w2 ? [w2.word!] : []), ...command.args.slice(2)];
      const routed = routeCommand({ words: args.map((w) => w.toLowerCase()), args });
      if (routed && can(role, routed.route.needs)) best = { text: inWordsOf(locale, routed.route, args), edits };
    }
  }
  return best?.text;
}

/** The command text with the route's own words in the reader's language, then the rest as typed. */
function inWordsOf(locale: Locale, route: CommandRoute, args: readonly string[]): string {
  return [shownCommand(route, locale), ...args.slice(route.name.split(' ').length)].join(' ');
}
