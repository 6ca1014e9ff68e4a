// /v1/licenses: list (spark-admin:licenses_read), details with the users holding it
// (paged by `limit` ≤ 300 and `next`, as the spec names them), and PATCH /licenses/users
// (spark-admin:people_write, as wxc_sdk's LicensesApi documents).
import { Hono } from 'hono';
import { apiError, requireScope, type EmulatorContext, type EmulatorEnv, type EmulatorHttpContext } from '../http.js';
import { assignLicenses, userLicensesJson, type Failure, type LicenseOp, type SiteOp } from '../org/assign.js';
import type { Org } from '../org/org.js';
import { offsetOf, pageOf, sizeParam } from '../org/paging.js';
import type { OrgLicenseSeed } from '../org/types.js';
import { ORG_ID } from '../state.js';

const LICENSES_READ = 'spark-admin:licenses_read';
const PEOPLE_WRITE = 'spark-admin:people_write';
const MAX_LIMIT = 300;

/** Webex's License: properties that do not apply (siteUrl, siteType) are left out. */
function licenseJson(org: Org, license: OrgLicenseSeed) {
  const consumed = org.holderCount(license.id);
  return {
    id: license.id,
    name: license.name,
    totalUnits: license.totalUnits,
    consumedUnits: consumed,
    consumedByUsers: consumed,
    consumedByWorkspaces: 0,
    subscriptionId: license.subscriptionId,
    ...(license.siteUrl ? { siteUrl: license.siteUrl } : {}),
    ...(license.siteType ? { siteType: license.siteType } : {}),
  };
}

function failureAnswer(c: EmulatorHttpContext, failures: Failure[]) {
  const first = failures[0];
  return c.json(
    { message: first?.message ?? 'Bad request', errors: failures.map(({ errorCode, description }) => ({ errorCode, description })), trackingId: c.get('trackingId') },
    400,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body's license and site operations, or what is wrong with them. */
function parseOps(body: Record<string, unknown>): { licenses: LicenseOp[]; sites: SiteOp[] } | string {
  const licenses = body.licenses ?? [];
  const sites = body.siteUrls ?? [];
  if (!Array.isArray(licenses) || !Array.isArray(sites)) return 'licenses and siteUrls must be arrays.';
  const ops: LicenseOp[] = [];
  for (const item of licenses) {
    if (!isObject(item) || typeof item.id !== 'string') return 'Each license needs an id.';
    if (item.operation !== undefined && item.operation !== 'add' && item.operation !== 'remove') return `Invalid operation ${String(item.operation)}.`;
    const props = isObject(item.properties) ? item.properties : undefined;
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    ops.push({
      id: item.id,
      operation: item.operation,
      properties: props && { locationId: text(props.locationId), phoneNumber: text(props.phoneNumber), extension: text(props.extension) },
    });
  }
  const siteOps: SiteOp[] = [];
  for (const item of sites) {
    if (!isObject(item) || typeof item.siteUrl !== 'string' || typeof item.accountType !== 'string') return 'Each siteUrl needs siteUrl and accountType.';
    if (item.operation !== undefined && item.operation !== 'add' && item.operation !== 'remove') return `Invalid operation ${String(item.operation)}.`;
    siteOps.push({ siteUrl: item.siteUrl, accountType: item.accountType, operation: item.operation });
  }
  return { licenses: ops, sites: siteOps };
}

export function licenseRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const { org, state } = ctx;
  const app = new Hono<EmulatorEnv>();

  app.get('/', (c) => requireScope(c, LICENSES_READ) ?? c.json({ items: [...org.licenses.values()].map((l) => licenseJson(org, l)) }));

  app.patch('/users', async (c) => {
    const refused = requireScope(c, PEOPLE_WRITE);
    if (refused) return refused;
    const body: unknown = await c.req.json().catch(() => undefined);
    if (!isObject(body)) return apiError(c, 400, 'The request body must be a JSON object.');
    const { email, personId, orgId } = body;
    if (typeof email !== 'string' && typeof personId !== 'string') return apiError(c, 400, 'At least one of email or personId is required.');
    if (orgId !== undefined && orgId !== ORG_ID) return apiError(c, 403, 'Not authorized to manage licenses of this organization.');
    const person = typeof personId === 'string' ? state.people.get(personId) : state.personByEmail(String(email));
    if (!person || person.type !== 'person' || (typeof email === 'string' && person.emails[0] !== email.toLowerCase())) {
      return apiError(c, 404, 'User not found.');
    }
    const ops = parseOps(body);
    if (typeof ops === 'string') return apiError(c, 400, ops);
    org.counters.patches += 1;
    const outcome = assignLicenses(org, person.id, ops.licenses, ops.sites);
    c.set('logDetail', `${person.emails[0]}: ${outcome.status}${outcome.failures.map((f) => ` ${f.errorCode}`).join('')}`);
    if (outcome.status === 400) return failureAnswer(c, outcome.failures);
    return c.json(userLicensesJson(org, person.id, person.emails[0] ?? ''), outcome.status);
  });

  app.get('/:id', (c) => {
    const refused = requireScope(c, LICENSES_READ);
    if (refused) return refused;
    const license = org.licenses.get(c.req.param('id'));
    if (!license) return apiError(c, 404, 'License not found.');
    const json = licenseJson(org, license);
    const assignedTo = c.req.query('includeAssignedTo');
    if (assignedTo === undefined) return c.json(json);
    if (assignedTo !== 'user') return apiError(c, 400, `Invalid includeAssignedTo: ${assignedTo}.`);
    const limit = sizeParam(c.req.query('limit'), MAX_LIMIT);
    if (limit === undefined || limit > MAX_LIMIT) return apiError(c, 400, `limit cannot be more than ${MAX_LIMIT}.`);
    const offset = offsetOf(c.req.query('next'));
    if (offset === undefined) return apiError(c, 400, 'Invalid next.');
    const users = org.holders(license.id).map((p) => ({ id: p.id, type: 'INTERNAL', displayName: p.displayName, email: p.emails[0] }));
    return c.json({ ...json, users: pageOf(c, users, offset, limit, { cursor: 'next', size: 'limit' }) });
  });
  return app;
}
