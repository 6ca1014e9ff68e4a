// The parts every card's data is made of: actions, lines, facts, choices, inputs.

/** What every Action.Submit sends back (Webex merges it with the card's inputs). */
export interface SubmitData {
  flow: string;
  step: string;
  draftId: string;
  /** The draft version the card was made from; an older one is stale. */
  v: number;
  action: string;
  /** A "run this command" button (flow "suggest"): the command text, run as if typed by whoever clicks. */
  command?: string;
  /** A way-out button (src/flows/wizard/step-rules.ts): which of the rules' ways out it takes. */
  wayOut?: string;
}

export type ActionStyle = 'default' | 'positive' | 'destructive';
export type TextColor = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';

export interface CardAction {
  title: string;
  style: ActionStyle;
  data: SubmitData;
}

export interface Line {
  text: string;
}
export interface ColoredLine extends Line {
  color: TextColor;
}
export interface Fact {
  title: string;
  value: string;
}
export interface Choice {
  title: string;
  value: string;
}
export interface Section {
  title: string;
  color: TextColor;
  lines: Line[];
}

export interface WithFallback {
  /** Shown by Webex where cards do not render, and in notifications. */
  fallbackText: string;
}

/** A free-text input (a request's reason, an approver's comment). */
export interface TextInput {
  id: string;
  label: string;
  placeholder: string;
  isRequired: boolean;
  /** Shown by the client when a required input is empty. */
  errorMessage: string;
}
