// Dutch text of cards and bot replies.
export const uiNl: Record<string, string> = {};
