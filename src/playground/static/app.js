// The playground page: pick who you are and a space, chat with the bot, fill in its
// cards. Everything goes through the local Webex API emulator (/v1) with the chosen
// person's token, exactly as a Webex client would; a card submit is
// POST /v1/attachment/actions {type: 'submit', messageId, inputs}.
/* global AdaptiveCards */
'use strict';

const ROLE_GROUPS = [
  ['admin', 'Administrators'],
  ['helpdesk', 'Helpdesk agents'],
  ['none', 'No role'],
];

const state = {
  bot: null,
  groupRoomId: '',
  people: [],
  me: null,
  space: 'direct',
  roomId: '',
  rendered: new Map(), // message id -> <li>
  refreshTimer: 0,
  refreshing: Promise.resolve(),
};

const $ = (selector) => document.querySelector(selector);
const personById = (id) => state.people.find((p) => p.id === id) || (state.bot && state.bot.id === id ? { displayName: state.bot.displayName, type: 'bot' } : null);
const initials = (name) => (name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');

async function api(method, path, body) {
  const response = await fetch(`/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${state.me.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${json.message || ''}`);
  return json;
}

// ---- small, safe markdown (escape first, then a few marks Webex supports) ----
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
}
function markdown(text) {
  const lines = escapeHtml(text || '').split('\n');
  const html = lines
    .map((line) => (/^\s*[-*] /.test(line) ? `• ${line.replace(/^\s*[-*] /, '')}` : line))
    .join('<br>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])[_*](\S.*?\S|\S)[_*](?=[\s).,!?]|$)/g, '$1<em>$2</em>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  return html;
}

/** Webex's html with <spark-mention>: keep the text and the mentions, nothing else. */
function mentionHtml(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out = document.createElement('span');
  const copy = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) into.append(child.textContent);
      else if (child.nodeName.toLowerCase() === 'spark-mention') {
        const span = document.createElement('span');
        span.className = 'mention';
        span.textContent = child.textContent;
        into.append(span);
      } else copy(child, into);
    }
  };
  copy(doc.body, out);
  return out;
}

// ---- Adaptive Cards with a Webex-like host config ----
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown(text);
  result.didProcess = true;
};
const hostConfig = new AdaptiveCards.HostConfig({
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 28, padding: 14 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#1F1F1F', subtle: '#6B6B6B' },
        accent: { default: '#0A78CC', subtle: '#0A78CC' },
        good: { default: '#1D805F', subtle: '#1D805F' },
        warning: { default: '#A6590D', subtle: '#A6590D' },
        attention: { default: '#D4371C', subtle: '#D4371C' },
      },
    },
    emphasis: { backgroundColor: '#F2F2F2', foregroundColors: { default: { default: '#1F1F1F', subtle: '#6B6B6B' } } },
  },
  actions: { maxActions: 5, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 8 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  factSet: { title: { maxWidth: 260, weight: 'bolder', wrap: true, color: 'default', size: 'default' }, value: { wrap: true, color: 'default', size: 'default', weight: 'default' }, spacing: 12 },
  inputs: { label: { inputSpacing: 'small', requiredInputs: { weight: 'bolder' }, optionalInputs: { weight: 'bolder' } } },
});

function renderCard(message, content) {
  const frame = document.createElement('div');
  frame.className = 'card-frame';
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.SubmitAction) {
      // action.data is the button's data merged with the inputs' values, as Webex sends them.
      frame.classList.add('submitted');
      api('POST', '/attachment/actions', { type: 'submit', messageId: message.id, inputs: action.data || {} }).catch(showError);
    } else if (action instanceof AdaptiveCards.OpenUrlAction) {
      window.open(action.url, '_blank', 'noopener');
    }
  };
  try {
    card.parse(content);
    const element = card.render();
    if (element) frame.append(element);
  } catch (error) {
    frame.textContent = `This card could not be rendered: ${error.message}`;
  }
  return frame;
}

function renderMessage(message) {
  const author = personById(message.personId);
  const fromBot = state.bot && message.personId === state.bot.id;
  const li = document.createElement('li');
  li.className = 'msg';
  li.dataset.id = message.id;
  li.dataset.from = fromBot ? 'bot' : message.personId === state.me.id ? 'me' : 'other';
  const avatar = document.createElement('span');
  avatar.className = `avatar${fromBot ? ' bot' : ''}`;
  avatar.textContent = initials(author ? author.displayName : message.personEmail);
  const main = document.createElement('div');
  const meta = document.createElement('div');
  meta.className = 'meta';
  const name = document.createElement('b');
  name.textContent = author ? author.displayName : message.personEmail;
  meta.append(name, new Date(message.created).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  const body = document.createElement('div');
  body.className = 'body';
  const card = (message.attachments || []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (card) body.append(renderCard(message, card.content));
  else if (message.html && message.html.includes('spark-mention')) body.append(mentionHtml(message.html));
  else body.innerHTML = markdown(message.markdown || message.text || '');
  if (message.files && message.files.length) {
    const files = document.createElement('div');
    files.className = 'files';
    for (const url of message.files) {
      const link = document.createElement('a');
      link.href = url.replace(/^https?:\/\/[^/]+/, '');
      link.textContent = '📎 file';
      link.download = '';
      files.append(link);
    }
    body.append(files);
  }
  main.append(meta, body);
  li.append(avatar, main);
  return li;
}

async function refresh() {
  if (!state.roomId || !state.me) return;
  const roomId = state.roomId;
  const { items } = await api('GET', `/messages?roomId=${encodeURIComponent(roomId)}&max=200`);
  if (roomId !== state.roomId) return; // switched meanwhile
  const list = $('#messages');
  const ids = new Set(items.map((m) => m.id));
  for (const [id, li] of state.rendered) {
    if (!ids.has(id)) {
      li.remove(); // the bot deleted a finished card
      state.rendered.delete(id);
    }
  }
  let added = false;
  for (const message of items.slice().reverse()) {
    if (state.rendered.has(message.id)) continue;
    const li = renderMessage(message);
    state.rendered.set(message.id, li);
    list.append(li);
    added = true;
  }
  if (added) list.scrollTop = list.scrollHeight;
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => {
    state.refreshing = state.refreshing.then(refresh).catch(showError);
  }, 60);
}

function showError(error) {
  const list = $('#messages');
  const li = document.createElement('li');
  li.className = 'msg error';
  li.textContent = `⚠ ${error.message || error}`;
  list.append(li);
}

async function selectSpace(kind) {
  state.space = kind;
  document.querySelectorAll('.space').forEach((b) => b.classList.toggle('active', b.dataset.space === kind));
  if (kind === 'group') state.roomId = state.groupRoomId;
  else {
    const response = await fetch('/playground/api/direct', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: state.me.id }),
    });
    state.roomId = (await response.json()).roomId;
  }
  $('#space-title').textContent = kind === 'group' ? 'License desk' : 'License Desk';
  $('#space-sub').textContent = kind === 'group' ? 'group space · mention the bot to talk to it' : '1:1 with the bot';
  $('#mention-wrap').hidden = kind !== 'group';
  $('#messages').replaceChildren();
  state.rendered.clear();
  renderLog();
  scheduleRefresh();
}

function selectPerson(id) {
  state.me = state.people.find((p) => p.id === id) || state.people[0];
  localStorage.setItem('playground.person', state.me.id);
  $('#who').value = state.me.id;
  const labels = { admin: 'Administrator: edits licenses.', helpdesk: 'Helpdesk agent: looks things up, files requests.', none: 'No role: the bot refuses changes.' };
  $('#role-note').textContent = `${state.me.email} · ${labels[state.me.label] || state.me.label}`;
  return selectSpace(state.space);
}

// ---- event log (SSE, falls back to polling) ----
const logEntries = [];
/** Webex ids are long base64; the log shows their start and end. */
const shortIds = (text) => text.replace(/[A-Za-z0-9_-]{30,}/g, (id) => `…${id.slice(-8)}`);
function renderLog() {
  const onlyHere = $('#log-space-only').checked;
  const list = $('#log');
  const botEmail = state.bot ? state.bot.email : '';
  list.replaceChildren(
    ...logEntries
      // People's reads are this page polling; the bot's reads are the framework fetching events.
      .filter((e) => !(e.kind === 'api' && e.title.startsWith('GET ') && e.who !== botEmail))
      .filter((e) => !onlyHere || !e.roomId || e.roomId === state.roomId)
      .slice(-300)
      .reverse()
      .map((entry) => {
        const li = document.createElement('li');
        li.className = entry.kind;
        const status = document.createElement('span');
        status.className = `status ${entry.status && entry.status < 400 ? 'ok' : 'bad'}`;
        status.textContent = entry.status ? String(entry.status) : entry.kind === 'webhook' ? 'failed' : '';
        const title = document.createElement('span');
        title.className = 'title';
        title.textContent = shortIds(`${entry.kind === 'webhook' ? '⇢ webhook ' : entry.kind === 'fault' ? '✖ fault ' : ''}${entry.title}`);
        const who = document.createElement('span');
        who.className = 'who';
        who.textContent = `${new Date(entry.at).toLocaleTimeString()} · ${entry.who || ''}`;
        li.append(status, title, who);
        if (entry.detail) {
          const detail = document.createElement('span');
          detail.className = 'detail';
          detail.textContent = shortIds(entry.detail);
          li.append(detail);
        }
        return li;
      }),
  );
}
function onLogEntry(entry) {
  if (logEntries.length && logEntries[logEntries.length - 1].seq >= entry.seq) return;
  logEntries.push(entry);
  if (logEntries.length > 1000) logEntries.shift();
  renderLog();
  // Refresh on changes (a message posted or deleted, a webhook), never on reads: our own
  // GET /v1/messages is logged too and would loop.
  if (entry.kind === 'webhook' || (entry.kind === 'api' && !entry.title.startsWith('GET '))) scheduleRefresh();
  // The desk applied a change to the org (or someone changed it here): show it in the panel.
  if (/^PATCH \/v1\/licenses\/users|^Control Hub/.test(entry.title)) scheduleOrgRefresh();
}
function followLog() {
  if (window.EventSource) {
    const source = new EventSource('/playground/api/events');
    source.addEventListener('log', (event) => onLogEntry(JSON.parse(event.data)));
    return;
  }
  const poll = async () => {
    const since = logEntries.length ? logEntries[logEntries.length - 1].seq : 0;
    const { entries } = await (await fetch(`/playground/api/log?since=${since}`)).json();
    entries.forEach(onLogEntry);
    setTimeout(poll, 1000);
  };
  poll();
}

// ---- Control Hub panel: the emulated org as Webex holds it (/playground/api/org/*). A
// change here is made outside the desk; the bot learns it on `sync`, as from Webex. ----
const org = { email: '', licenses: [], dirty: false, timer: 0 };
function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}
async function orgApi(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`/playground/api/org${path}`, init);
  const json = await response.json();
  if (!response.ok) throw new Error(json.error || `${response.status} ${path}`);
  return json;
}
function orgStatus(text, bad) {
  $('#org-status').textContent = text;
  $('#org-status').classList.toggle('bad', !!bad);
}
async function orgSearch() {
  const { people, total } = await orgApi(`/people?q=${encodeURIComponent($('#org-search').value.trim())}`);
  const rows = people.map((p) => {
    const button = el('button', { type: 'button', onclick: () => orgOpen(p.email).catch((e) => orgStatus(e.message, true)) }, el('b', { textContent: p.displayName }), el('span', { textContent: p.email }));
    button.dataset.email = p.email;
    button.classList.toggle('active', p.email === org.email);
    return el('li', {}, button);
  });
  if (total > people.length) rows.push(el('li', { className: 'more', textContent: `${total - people.length} more: narrow the search` }));
  if (!total) rows.push(el('li', { className: 'more', textContent: 'No one in the org matches.' }));
  $('#org-results').replaceChildren(...rows);
}
async function orgOpen(email) {
  org.email = email;
  org.dirty = false;
  orgStatus('');
  document.querySelectorAll('#org-results button').forEach((b) => b.classList.toggle('active', b.dataset.email === email));
  await orgRefresh();
}
async function orgRefresh() {
  if (!$('#org-panel').open || org.dirty) return; // never undo toggles not yet sent
  const { org: enabled, licenses } = await orgApi('/licenses');
  org.licenses = licenses;
  if (!enabled) return orgStatus('This playground runs without an emulated org (npm start gives it one).', true);
  if (!org.email) return;
  const person = await orgApi(`/people/${encodeURIComponent(org.email)}`);
  if (!org.dirty && person.email === org.email) renderOrgPerson(person);
}
function scheduleOrgRefresh() {
  clearTimeout(org.timer);
  org.timer = setTimeout(() => orgRefresh().catch((e) => orgStatus(e.message, true)), 150);
}
function renderOrgPerson(person) {
  const held = new Map(person.licenses.map((l) => [l.id, l]));
  const rows = org.licenses.map((license) => {
    const h = held.get(license.id);
    const box = el('input', { type: 'checkbox', checked: !!h, value: license.id, onchange: () => orgToggled() });
    box.dataset.held = String(!!h);
    const label = el('label', {}, box, ` ${license.name}`, license.siteUrl && el('small', { textContent: ` ${license.siteUrl}` }), h && h.pending && el('span', { className: 'tag', textContent: 'pending' }));
    return el('li', { className: h ? 'held' : '' }, label, el('span', { className: 'units', textContent: `${license.consumed}/${license.total}` }));
  });
  const sites = person.attendeeSites.map((s) => `${s.url}${s.pending ? ' (pending)' : ''}`).join(', ') || 'none';
  const c = person.calling;
  const calling = c ? `${c.locationName} · ${c.phoneNumber || 'no number'}${c.extension ? ` · ext ${c.extension}` : ''}` : 'not set up';
  const change = el('button', { type: 'button', className: 'org-change', textContent: 'Change in Control Hub', disabled: true, onclick: () => orgChange().catch((e) => orgStatus(e.message, true)) });
  $('#org-person').replaceChildren(
    el('h3', {}, person.displayName, ' ', el('small', { textContent: person.email }), person.invitePending && el('span', { className: 'tag', textContent: 'invite pending' })),
    el('div', { className: 'org-facts' }, el('span', { textContent: `Attendee of: ${sites}` }), el('span', { textContent: `Calling: ${calling}` })),
    el('div', { className: 'org-caption', textContent: `Licenses in Webex (${person.licenses.length}) · used/total` }),
    el('ul', { className: 'org-licenses' }, ...rows),
    el('p', { className: 'org-hint' }, change, ' The desk learns this on ', el('code', { textContent: 'sync' }), ' (an admin types it to the bot) or at its next sync interval.'),
  );
}
function orgToggled() {
  const boxes = [...document.querySelectorAll('#org-person input[type=checkbox]')];
  org.dirty = boxes.some((b) => String(b.checked) !== b.dataset.held);
  $('#org-person .org-change').disabled = !org.dirty;
}
async function orgChange() {
  const boxes = [...document.querySelectorAll('#org-person input[type=checkbox]')];
  const add = boxes.filter((b) => b.checked && b.dataset.held === 'false').map((b) => b.value);
  const remove = boxes.filter((b) => !b.checked && b.dataset.held === 'true').map((b) => b.value);
  const person = await orgApi(`/people/${encodeURIComponent(org.email)}/change`, { add, remove });
  const names = (ids) => ids.map((id) => (org.licenses.find((l) => l.id === id) || { name: id }).name).join(', ');
  org.dirty = false;
  await orgRefresh(); // the units changed too
  if (person.email !== org.email) return;
  orgStatus(`Changed in Webex${add.length ? `, added ${names(add)}` : ''}${remove.length ? `, removed ${names(remove)}` : ''}. The desk does not know yet.`);
  $('#org-status').scrollIntoView({ block: 'nearest' });
}
function setUpOrgPanel() {
  let typing = 0;
  $('#org-search').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => orgSearch().catch((e) => orgStatus(e.message, true)), 200);
  });
  $('#org-panel').addEventListener('toggle', () => {
    if ($('#org-panel').open) orgSearch().then(orgRefresh).catch((e) => orgStatus(e.message, true));
  });
  setInterval(() => $('#org-panel').open && scheduleOrgRefresh(), 4000); // a change by anyone else
}

async function send(event) {
  event.preventDefault();
  const input = $('#text');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const mention = state.space === 'group' && $('#mention').checked;
  const markdownText = mention ? `<@personId:${state.bot.id}|${state.bot.displayName}> ${text}` : text;
  try {
    await api('POST', '/messages', { roomId: state.roomId, markdown: markdownText });
    scheduleRefresh();
  } catch (error) {
    showError(error);
  }
}

async function main() {
  const info = await (await fetch('/playground/api/people')).json();
  state.bot = info.bot;
  state.groupRoomId = info.groupRoomId;
  state.people = info.people.filter((p) => p.type !== 'bot');
  const select = $('#who');
  for (const [label, title] of ROLE_GROUPS) {
    const group = document.createElement('optgroup');
    group.label = title;
    for (const person of state.people.filter((p) => (p.label || 'none') === label)) {
      const option = document.createElement('option');
      option.value = person.id;
      option.textContent = `${person.displayName} (${label === 'none' ? 'no role' : label})`;
      group.append(option);
    }
    if (group.children.length) select.append(group);
  }
  select.addEventListener('change', () => selectPerson(select.value));
  document.querySelectorAll('.space').forEach((button) => button.addEventListener('click', () => selectSpace(button.dataset.space)));
  $('#composer').addEventListener('submit', send);
  $('#log-space-only').addEventListener('change', renderLog);
  setUpOrgPanel();
  followLog();
  const remembered = localStorage.getItem('playground.person');
  const firstAdmin = state.people.find((p) => p.label === 'admin');
  await selectPerson(state.people.some((p) => p.id === remembered) ? remembered : (firstAdmin || state.people[0]).id);
  setInterval(scheduleRefresh, 5000); // a safety net if an event was missed
  document.body.dataset.ready = 'true';
}

main().catch(showError);
