// The load limits of the Webex edge as the config names them, split for the event lanes
// (events in flight, per room) and the webhook receiver (bodies read at once).
import type { EventLimits } from './webex/event-lanes.js';
import { DEFAULT_EVENT_LIMITS } from './webex/event-lanes.js';
import type { WebhookLimits } from './webex/http-routes.js';

export interface TransportLimits {
  eventsInFlight: number;
  eventsPerRoom: number;
  pendingWebhookBodies: number;
}

export const eventLimitsOf = (limits: TransportLimits | undefined): EventLimits =>
  limits ? { eventsInFlight: limits.eventsInFlight, eventsPerLane: limits.eventsPerRoom } : DEFAULT_EVENT_LIMITS;

export const receiverLimitsOf = (limits: TransportLimits | undefined): Partial<WebhookLimits> =>
  limits ? { maxPendingBodies: limits.pendingWebhookBodies } : {};
