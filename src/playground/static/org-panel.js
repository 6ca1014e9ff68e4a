// The playground's Control Hub panel: the emulated org as Webex holds it
// (/playground/api/org/*). A change here is made outside the desk; the bot learns it on
// `sync`, as from Webex. Loaded before app.js, whose `$` and log it shares.
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
