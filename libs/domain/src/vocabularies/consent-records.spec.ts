import type { SubjectEvent } from '../events/events';
import { loadSeedPolicies } from '../policy/seed-policies.testing';
import { consentRecords } from './consent-records';

const jcert = loadSeedPolicies().jcert;
const subjectRef = `hmac:${'a'.repeat(64)}`;
const base = { controller: 'jcert', subjectRef } as const;

/** ISO/IEC TS 27560 consent records in W3C DPV (DPVCG guide "consent-27560"), from the subject's events. */
describe('consent records (ISO/IEC TS 27560 in DPV)', () => {
  const given: SubjectEvent = {
    type: 'ConsentGiven',
    eventId: 'c1',
    occurredAt: '2026-01-10T10:00:00+09:00',
    controller: 'jcert',
    subjectRef,
    recipients: ['starfield-technologies'],
  };
  const withdrawn: SubjectEvent = {
    type: 'ConsentWithdrawn',
    eventId: 'w1',
    occurredAt: '2026-03-01T10:00:00+09:00',
    controller: 'jcert',
    subjectRef,
    recipients: ['starfield-technologies'],
  };

  it('one record per consent given, naming the subject by its keyed ref only, the controller, the law and the notice in force', () => {
    const [record] = consentRecords({ ...base, events: [given], policyAt: () => jcert });
    expect(record).toMatchObject({
      '@type': 'dpv:ConsentRecord',
      'dct:identifier': 'c1',
      'dct:conformsTo': 'https://w3id.org/dpv/schema/dpv-27560#record',
      'dpv:hasDataSubject': { 'dct:identifier': subjectRef },
      'dpv:hasJurisdiction': 'loc:JP',
      'dpv:hasLegalBasis': 'dpv:Consent',
      'dpv:hasNotice': { 'dct:hasVersion': jcert.version },
      'dpv:hasConsentStatus': [{ '@type': 'dpv:ConsentGiven', 'dpv:isIndicatedAtTime': '2026-01-10T10:00:00+09:00' }],
    });
  });

  it("a consent naming a recipient covers that recipient's purposes and items, with its DPV role and country (APPI Art. 28 consent to Starfield in the US)", () => {
    const [record] = consentRecords({ ...base, events: [given], policyAt: () => jcert });
    const process = record['dpv:hasProcess'] as Record<string, unknown>;
    expect(process['dpv:hasRecipient']).toEqual([expect.objectContaining({ '@type': 'dpv:DataProcessor', 'dpv:hasLocation': 'loc:US' })]);
    const starfield = jcert.recipients.find((r) => r.id === 'starfield-technologies')!;
    expect((process['dpv:hasPurpose'] as { 'dct:identifier': string }[]).map((p) => p['dct:identifier']).sort()).toEqual([...starfield.purposes].sort());
    expect(process['dpv:hasPersonalData']).toEqual(expect.arrayContaining(['pd:EmailAddress', 'pd:Name', 'pd:PhysicalAddress', 'pd:TelephoneNumber']));
  });

  it('a later withdrawal covering it adds the withdrawn state; a withdrawal of something else does not', () => {
    const [record] = consentRecords({ ...base, events: [given, withdrawn], policyAt: () => jcert });
    expect(record['dpv:hasConsentStatus']).toEqual([
      expect.objectContaining({ '@type': 'dpv:ConsentGiven' }),
      expect.objectContaining({ '@type': 'dpv:ConsentWithdrawn', 'dpv:isIndicatedAtTime': '2026-03-01T10:00:00+09:00', 'dct:source': 'ashiato:event:w1' }),
    ]);
    const other: SubjectEvent = { ...withdrawn, eventId: 'w2', recipients: ['jcert-contractors'] };
    expect(consentRecords({ ...base, events: [given, other], policyAt: () => jcert })[0]['dpv:hasConsentStatus']).toHaveLength(1);
  });

  it('a GDPR controller gets the GDPR profile and Art. 6(1)(a) as the legal basis', () => {
    const gdpr = { ...jcert, regime: 'GDPR' as const };
    const [record] = consentRecords({ ...base, events: [given], policyAt: () => gdpr });
    expect(record).toMatchObject({
      'dct:conformsTo': 'https://w3id.org/dpv/schema/dpv-27560#record-eu-gdpr',
      'dpv:hasLegalBasis': 'eu-gdpr:A6-1-a',
      'dpv:hasApplicableLaw': 'eu-gdpr:GDPR',
    });
  });
});
