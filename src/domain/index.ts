export * from './org.js';
export * from './change.js';
export * from './people.js';
export * from './audit.js';
export * from './document.js';
export * from './org-change.js';
export * from './grant.js';
