// English messages for rule codes (src/rules). Keys equal violation/notice/auto-change codes.
export const rulesEn: Record<string, string> = {};
