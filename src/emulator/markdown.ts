// Turn a posted markdown (or text) into Webex's text/html/mentionedPeople: mentions are
// written <@personId:ID|Name> or <@personEmail:a@b|Name>, and show as "Name" in text.
import type { EmulatorState } from './state.js';

const MENTION = /<@(personId|personEmail):([^|>]+)(?:\|([^>]*))?>/g;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);

export interface RenderedText {
  text: string;
  html?: string;
  mentionedPeople?: string[];
}

export function renderMentions(state: EmulatorState, markdown: string): RenderedText {
  const mentioned: string[] = [];
  let html = '';
  let text = '';
  let last = 0;
  for (const match of markdown.matchAll(MENTION)) {
    const [whole, kind, key = '', name] = match;
    const person = kind === 'personId' ? state.people.get(key) : state.personByEmail(key);
    const shown = name ?? person?.displayName ?? key;
    const before = markdown.slice(last, match.index);
    text += before + shown;
    html += escapeHtml(before);
    if (person) {
      mentioned.push(person.id);
      html += `<spark-mention data-object-type="person" data-object-id="${person.id}">${escapeHtml(shown)}</spark-mention>`;
    } else {
      html += escapeHtml(shown);
    }
    last = (match.index ?? 0) + whole.length;
  }
  text += markdown.slice(last);
  html += escapeHtml(markdown.slice(last));
  // Webex's text drops markdown emphasis.
  text = text.replace(/(\*\*|__|`)/g, '');
  return mentioned.length ? { text, html: `<p>${html}</p>`, mentionedPeople: [...new Set(mentioned)] } : { text };
}
