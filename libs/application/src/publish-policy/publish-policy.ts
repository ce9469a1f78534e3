import { createHash } from 'node:crypto';
import { streamOf, systemClock, type Clock, type PolicyDocument, type PolicyPublished } from '@ashiato/domain';
import type { EventStore } from '@ashiato/event-store';
import { ApiError } from '../errors/api-error';

export interface PublishResult {
  controller: string;
  version: string;
  effectiveFrom: string;
  eventId: string;
  /** Log position of the PolicyPublished event (pass as ?minPosition= to read it back). */
  position: number;
  /** True when this exact document was already published: nothing was appended. */
  duplicate: boolean;
}

/**
 * Publishes a validated policy document as `PolicyPublished` on `policy-<controller>`.
 * The eventId is derived from the document, so publishing the same document again is a no-op;
 * publishing a different document under an existing version string is refused (versions are
 * immutable: verdicts already cite them). The append expects the stream version it read, so two
 * concurrent publications cannot both win.
 */
export async function publishPolicy(store: EventStore, policy: PolicyDocument, clock: Clock = systemClock): Promise<PublishResult> {
  const eventId = policyEventId(policy);
  const event: PolicyPublished = { eventId, type: 'PolicyPublished', occurredAt: clock.now().toISOString(), controller: policy.controller, policy };
  const stream = streamOf(event);
  const existing = await store.readStream(stream);
  const same = existing.find((e) => e.eventId === eventId);
  const base = { controller: policy.controller, version: policy.version, effectiveFrom: policy.effectiveFrom, eventId };
  if (same) return { ...base, position: same.position, duplicate: true };
  if (existing.some((e) => (e.data as { policy?: PolicyDocument }).policy?.version === policy.version)) {
    throw new ApiError(409, 'POLICY_VERSION_EXISTS', 'this version of this policy was already published with different content; publish it as a new version');
  }
  const expected = existing.length ? existing[existing.length - 1].version : 'no_stream';
  const result = await store.append(stream, [{ eventId, type: event.type, data: { ...event } }], expected);
  return { ...base, position: result.lastPosition, duplicate: result.appended === 0 };
}

/** A UUID (version-5 layout) from the SHA-256 of the canonical document. */
export function policyEventId(policy: PolicyDocument): string {
  const hex = createHash('sha256')
    .update(`ashiato-policy\n${canonicalJson(policy)}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
