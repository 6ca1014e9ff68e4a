// English text of cards and bot replies.
export const uiEn: Record<string, string> = {};
