export { renderCard, cardSize, CardRenderError, CARDS_DIR, type RenderedCard } from './render.js';
export * from './types.js';
