// The Webex transport's public face; the framework itself stays inside this folder.
export { createWebexTransport, type WebexTransport, type WebexTransportOptions } from './transport.js';
export { healthRoutes, webhookReceiver } from './http-routes.js';
export { createWebexOutbox, ADAPTIVE_CARD_CONTENT_TYPE } from './outbox.js';
export { createRestClient, WebexApiError, WEBEX_API_BASE } from './rest-client.js';
export { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry.js';
export { isValidSignature, signBody } from './signature.js';
