import { describe, expect, it } from 'vitest';
import { stripBotMention, toIncomingAction } from '../../src/transports/webex/convert.js';
import type { ActionTrigger } from '../../src/transports/webex/framework-types.js';

const bot = { id: 'BOT', emails: ['desk@webex.bot'], displayName: 'License Desk', nickName: 'License' };

describe('stripBotMention', () => {
  it('removes the mention Webex marks in the html', () => {
    const html = '<p><spark-mention data-object-type="person" data-object-id="BOT">License Desk</spark-mention> licenses ann@acme.example</p>';
    expect(stripBotMention({ text: 'License Desk licenses ann@acme.example', html, bot })).toBe('licenses ann@acme.example');
  });

  it('keeps mentions of other people', () => {
    const html = '<p><spark-mention data-object-id="BOT">License</spark-mention> licenses <spark-mention data-object-id="ANN">Ann</spark-mention></p>';
    expect(stripBotMention({ text: 'License licenses Ann', html, bot })).toBe('licenses Ann');
  });

  it('falls back to a leading display name without html, and leaves 1:1 text alone', () => {
    expect(stripBotMention({ text: 'License Desk help', bot })).toBe('help');
    expect(stripBotMention({ text: 'help', bot })).toBe('help');
  });
});

describe('toIncomingAction', () => {
  it('takes the actor from Webex, never from the card inputs', () => {
    const trigger: ActionTrigger = {
      type: 'attachmentAction',
      id: 'A1',
      person: { id: 'P-BOB', emails: ['Bob@Acme.example'], displayName: 'Bob' },
      attachmentAction: {
        id: 'A1',
        type: 'submit',
        messageId: 'M1',
        roomId: 'R1',
        personId: 'P-BOB',
        inputs: { personId: 'P-ADMIN', email: 'admin@acme.example' },
      },
    };
    const action = toIncomingAction(trigger);
    expect(action.actor).toEqual({ personId: 'P-BOB', email: 'bob@acme.example', displayName: 'Bob' });
    expect(action).toMatchObject({ eventId: 'A1', roomId: 'R1', messageId: 'M1' });
  });
});
