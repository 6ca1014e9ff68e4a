// The playground page: pick who you are and a space, chat with the bot, fill in its
// cards. Everything goes through the local Webex API emulator (/v1) with the chosen
// person's token, exactly as a Webex client would; a card submit is
// POST /v1/attachment/actions {type: 'submit', messageId, inputs}.
/* global AdaptiveCards, WEBEX_HOST_CONFIG, WEBEX_SUPPORTED_ACTIONS, fileLinks */
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

// ---- Adaptive Cards as Webex's web widget renders them (webex-host-config.js) ----
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown(text);
  result.didProcess = true;
};
// The one deviation from the widget's config: CiscoSans is not ours to ship (the widget's
// page loads it), so similar fonts follow it instead of the browser's serif default.
const hostConfig = new AdaptiveCards.HostConfig({
  ...WEBEX_HOST_CONFIG,
  fontFamily: `${WEBEX_HOST_CONFIG.fontFamily}, "Helvetica Neue", Helvetica, Arial, sans-serif`,
});
const notSupported = (type) => `Adaptive card ${type} is not supported yet`; // the widget's words

function renderCard(message, content) {
  const frame = document.createElement('div');
  frame.className = 'card-frame';
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  // As the widget's onExecuteAction: Submit posts the attachment action, OpenUrl opens, the rest is logged.
  card.onExecuteAction = (action) => {
    const type = action.getJsonTypeName();
    if (type === 'Action.Submit') {
      // action.data is the button's data merged with the inputs' values, as Webex sends them.
      frame.classList.add('submitted');
      api('POST', '/attachment/actions', { type: 'submit', messageId: message.id, inputs: action.data || {} }).catch(showError);
    } else if (type === 'Action.OpenUrl') window.open(action.url, '_blank', 'noopener');
    else console.error(notSupported(type));
  };
  try {
    card.parse(content);
    // Actions the library would run itself (ShowCard, ToggleVisibility) never reach
    // onExecuteAction; Webex does not run them either, so their buttons are shown disabled.
    for (const action of card.getAllActions()) {
      const type = action.getJsonTypeName();
      if (WEBEX_SUPPORTED_ACTIONS.includes(type)) continue;
      action.isEnabled = false;
      action.tooltip = notSupported(type);
      console.error(notSupported(type));
    }
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
  if (message.files && message.files.length) body.append(fileLinks(message.files, state.me.token, showError));
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
