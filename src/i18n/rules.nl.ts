// Dutch messages for rule codes, faithful to the source document's wording.
export const rulesNl: Record<string, string> = {};
