// The little of webex-node-bot-framework (untyped JS) that the transport touches.

export interface WebexPerson {
  id: string;
  emails: string[];
  displayName?: string;
  nickName?: string;
  firstName?: string;
  type?: string;
}

export interface FrameworkBot {
  room: { id: string; type: 'group' | 'direct'; title?: string };
  /** The bot's membership in the space (a new one each time it is added). */
  membership?: { id?: string };
  isDirect: boolean;
}

export interface MessageTrigger {
  type: 'message';
  id: string;
  text?: string;
  person: WebexPerson;
  message: {
    id: string;
    roomId: string;
    roomType?: string;
    text?: string;
    html?: string;
    personId: string;
    personEmail?: string;
    mentionedPeople?: string[];
  };
}

export interface ActionTrigger {
  type: 'attachmentAction';
  id: string;
  person: WebexPerson;
  attachmentAction: {
    id: string;
    type: string;
    messageId: string;
    inputs: unknown;
    personId: string;
    roomId: string;
  };
}

type AnyFn = (...args: never[]) => Promise<unknown>;

/** The SDK plugins whose fetches the framework makes while processing an event. */
export interface WebexSdk {
  messages: { get: AnyFn };
  attachmentActions: { get: AnyFn };
  people: { get: AnyFn };
  rooms: { get: AnyFn };
  memberships: { get: AnyFn; list: AnyFn };
  /** The SDK's own authorised request to a Webex service, e.g. {service: 'hydra', resource: 'people/ID'}. */
  request(options: { service: string; resource: string; method?: string }): Promise<{ body: unknown }>;
  /** The SDK's own logger (it prints through console). */
  logger?: { error?: (...args: unknown[]) => unknown };
}

export interface Framework {
  active: boolean;
  initialized: boolean;
  person: WebexPerson;
  webex: WebexSdk;
  webhook: { name?: string; id?: string } | false;
  cardsWebhook: { id?: string } | undefined;
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  on(event: 'message', fn: (bot: FrameworkBot, trigger: MessageTrigger) => void): void;
  on(event: 'attachmentAction', fn: (bot: FrameworkBot, trigger: ActionTrigger) => void): void;
  on(event: 'spawn', fn: (bot: FrameworkBot, frameworkId: string, addedBy?: string) => void): void;
  on(event: 'initialized' | 'log', fn: (...args: unknown[]) => void): void;
}

export interface FrameworkOptions {
  token: string;
  webhookUrl?: string;
  webhookSecret?: string;
  removeWebhooksOnStart?: boolean;
  messageFormat?: 'markdown' | 'text';
}

export type FrameworkConstructor = new (options: FrameworkOptions) => Framework;
export type ProcessEvent = (framework: Framework, body: unknown, name?: string) => Promise<unknown>;
