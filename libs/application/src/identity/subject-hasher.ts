import { createHmac } from 'node:crypto';
import { SUBJECT_REF_PREFIX, type SubjectRef } from '@ashiato/domain';

/**
 * Turns a raw identifier of a data subject into the pseudonymous `subjectRef` Ashiato stores:
 * `hmac:<hex>` = HMAC-SHA256(key, "<kind>:<normalised value>"). The kind is part of the input so
 * that an e-mail and a phone number with the same text never collide. Normalisation makes the
 * same person's identifier map to the same ref however it was typed. The key (ASHIATO_HMAC_KEY)
 * never leaves the process; without it a ref cannot be linked back to the identifier.
 */
export const SUBJECT_IDENTIFIER_KINDS = ['email', 'phone', 'externalId'] as const;
export type SubjectIdentifierKind = (typeof SUBJECT_IDENTIFIER_KINDS)[number];
export type SubjectIdentifier = Partial<Record<SubjectIdentifierKind, string>>;

export function normaliseIdentifier(kind: SubjectIdentifierKind, value: string): string {
  switch (kind) {
    case 'email':
      return value.trim().toLowerCase();
    case 'phone':
      return value.replace(/\D/g, '');
    case 'externalId':
      return value.trim();
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown identifier kind ${String(unexpected)}`);
    }
  }
}

export class SubjectHasher {
  constructor(private readonly key: string) {
    if (!key) throw new Error('SubjectHasher needs a non-empty key');
  }

  /** The ref of one identifier; exactly one kind must be given. */
  refFor(identifier: SubjectIdentifier): SubjectRef {
    const kinds = SUBJECT_IDENTIFIER_KINDS.filter((k) => typeof identifier[k] === 'string');
    if (kinds.length !== 1) throw new Error('exactly one subject identifier kind is required');
    const kind = kinds[0];
    return this.hash(kind, identifier[kind] as string);
  }

  hash(kind: SubjectIdentifierKind, value: string): SubjectRef {
    const mac = createHmac('sha256', this.key)
      .update(`${kind}:${normaliseIdentifier(kind, value)}`, 'utf8')
      .digest('hex');
    return `${SUBJECT_REF_PREFIX}${mac}` as SubjectRef;
  }
}
