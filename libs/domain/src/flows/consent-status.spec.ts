import { consentStatus } from './consent-status';
import { emptySubjectState, evolveSubject, type SubjectState } from './subject-state';
import type { ConsentGiven, ConsentWithdrawn } from '../events/events';

/** The consent semantics written in consent-status.ts, case by case. */
describe('consent semantics', () => {
  let seq = 0;
  const base = (at: string) => ({ eventId: `e${++seq}`, occurredAt: at, controller: 'c', subjectRef: 's' });
  const given = (at: string, scope: Partial<ConsentGiven>): ConsentGiven => ({ ...base(at), type: 'ConsentGiven', ...scope });
  const withdrew = (at: string, scope: Partial<ConsentWithdrawn>): ConsentWithdrawn => ({ ...base(at), type: 'ConsentWithdrawn', ...scope });
  const state = (...events: (ConsentGiven | ConsentWithdrawn)[]): SubjectState => events.reduce(evolveSubject, emptySubjectState());
  const provision = { purposes: ['billing'], items: ['email'], recipient: 'acme' };

  it('given a consent naming purposes and recipients, a provision to one of those recipients for one of those purposes is covered', () => {
    const s = state(given('2024-01-01T00:00:00Z', { purposes: ['billing', 'support'], recipients: ['acme', 'globex'] }));
    expect(consentStatus(s, provision)).toBe('active');
    expect(consentStatus(s, { ...provision, recipient: 'globex', purposes: ['support'] })).toBe('active');
  });

  it('given that consent, a provision to another recipient or for another purpose is not covered', () => {
    const s = state(given('2024-01-01T00:00:00Z', { purposes: ['billing'], recipients: ['acme'] }));
    expect(consentStatus(s, { ...provision, recipient: 'initech' })).toBe('none');
    expect(consentStatus(s, { ...provision, purposes: ['marketing'] })).toBe('none');
    // A flow naming several purposes is covered when one of them is consented to.
    expect(consentStatus(s, { ...provision, purposes: ['billing', 'marketing'] })).toBe('active');
  });

  it('given a consent naming items, a flow with any other item is not covered', () => {
    const s = state(given('2024-01-01T00:00:00Z', { items: ['email'] }));
    expect(consentStatus(s, provision)).toBe('active');
    expect(consentStatus(s, { ...provision, items: ['email', 'phone'] })).toBe('none');
  });

  it('given a consent naming recipients, the controller’s own use is not covered; given one naming none, a transfer abroad is not', () => {
    expect(consentStatus(state(given('2024-01-01T00:00:00Z', { recipients: ['acme'] })), { purposes: ['billing'], items: ['email'] })).toBe('none');
    const any = state(given('2024-01-01T00:00:00Z', { purposes: ['billing'] }));
    expect(consentStatus(any, provision)).toBe('active');
    expect(consentStatus(any, { ...provision, recipientNamed: true })).toBe('none');
  });

  it('given a withdrawal naming a recipient, a broader earlier consent is revoked for that recipient only; a later consent stands again', () => {
    const s = state(given('2024-01-01T00:00:00Z', { purposes: ['billing'] }), withdrew('2024-02-01T00:00:00Z', { recipients: ['acme'] }));
    expect(consentStatus(s, provision)).toBe('withdrawn');
    expect(consentStatus(s, { ...provision, recipient: 'globex' })).toBe('active');
    evolveSubject(s, given('2024-03-01T00:00:00Z', { recipients: ['acme'] }));
    expect(consentStatus(s, provision)).toBe('active');
  });

  it('given a withdrawal at the same instant as the consent, the withdrawal counts as later', () => {
    const s = state(given('2024-01-01T00:00:00Z', {}), withdrew('2024-01-01T00:00:00Z', {}));
    expect(consentStatus(s, provision)).toBe('withdrawn');
  });
});
