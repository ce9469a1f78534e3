import type { SubjectEvent } from '../events/events';
import { evolveSubject, emptySubjectState, type ConsentRecord } from '../flows/subject-state';
import type { PolicyDocument, Regime } from '../policy/policy';
import { dpvPersonalDataOf, dpvProvisionBasis } from './dpv';

/** The JSON-LD context of an exported consent record: DPV, DPV-PD, Dublin Core terms. */
export const CONSENT_RECORD_CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  loc: 'https://w3id.org/dpv/loc#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  dct: 'http://purl.org/dc/terms/',
  ashiato: 'urn:ashiato:',
} as const;

/** DPV's ISO/IEC TS 27560 profiles: the GDPR one adds what GDPR Arts. 13 and 14 require to be kept. */
const PROFILE = { default: 'https://w3id.org/dpv/schema/dpv-27560#record', gdpr: 'https://w3id.org/dpv/schema/dpv-27560#record-eu-gdpr' };

export interface ConsentRecordInput {
  controller: string;
  subjectRef: string;
  /** The subject's consent events for this controller, in log order. */
  events: SubjectEvent[];
  /** The policy version in force when a consent was given (undefined: none). */
  policyAt: (instant: string) => PolicyDocument | undefined;
}

const LAW: Record<Regime, { law: string; jurisdiction: string }> = {
  APPI: { law: 'APPI', jurisdiction: 'loc:JP' },
  'APPI-public': { law: 'APPI', jurisdiction: 'loc:JP' },
  GDPR: { law: 'eu-gdpr:GDPR', jurisdiction: 'loc:EU' },
};

/**
 * One subject's consents to one controller as consent records in the shape of ISO/IEC TS 27560, in the
 * W3C DPV vocabulary (DPVCG "Consent Records and Receipts as per ISO/IEC TS 27560:2023 using DPV"):
 * one `dpv:ConsentRecord` per ConsentGiven, its purposes (the policy's DPV purposes), personal data
 * (DPV-PD terms of the items' fideslang categories), recipients with their DPV roles, the notice (the
 * policy version in force), and its consent states: given, then withdrawn when a later ConsentWithdrawn
 * covers it. The data subject is its keyed ref only. Pure: same events and policies, same records.
 */
export function consentRecords(input: ConsentRecordInput): Record<string, unknown>[] {
  const state = emptySubjectState();
  for (const e of input.events) evolveSubject(state, e);
  return state.consents.map((c) => consentRecord(input, c));
}

function consentRecord(input: ConsentRecordInput, c: ConsentRecord): Record<string, unknown> {
  const policy = input.policyAt(c.givenAt);
  const regime = policy?.regime;
  const recipients = (policy?.recipients ?? []).filter((r) => c.recipients?.includes(r.id));
  // What a consent covers (flows/consent-rules.ts): the purposes it names, else its recipients' purposes, else all.
  const covered = c.purposes?.length ? c.purposes : recipients.length ? recipients.flatMap((r) => r.purposes) : undefined;
  const purposes = policy?.purposes.filter((p) => !covered || covered.includes(p.id)) ?? [];
  const itemIds = c.items?.length ? c.items : recipients.length && !c.purposes?.length ? recipients.flatMap((r) => r.items) : purposes.flatMap((p) => p.items);
  const personalData = [
    ...new Set(
      itemIds
        .map((id) => policy?.items.find((i) => i.id === id))
        .flatMap((i) => (i ? [dpvPersonalDataOf(i.category)] : []))
        .filter((t): t is string => t !== null),
    ),
  ].sort();
  const states: Record<string, unknown>[] = [
    { '@type': 'dpv:ConsentGiven', 'dpv:isIndicatedBy': 'dpv:DataSubject', 'dpv:isIndicatedAtTime': c.givenAt, 'dct:source': `ashiato:event:${c.eventId}` },
  ];
  if (c.withdrawnAt)
    states.push({
      '@type': 'dpv:ConsentWithdrawn',
      'dpv:isIndicatedBy': 'dpv:DataSubject',
      'dpv:isIndicatedAtTime': c.withdrawnAt,
      ...(c.withdrawnBy ? { 'dct:source': `ashiato:event:${c.withdrawnBy}` } : {}),
    });
  return {
    '@id': `ashiato:consent:${c.eventId}`,
    '@type': 'dpv:ConsentRecord',
    'dct:identifier': c.eventId,
    'dct:conformsTo': regime === 'GDPR' ? PROFILE.gdpr : PROFILE.default,
    'dpv:hasDataSubject': { '@id': `ashiato:subject:${input.subjectRef}`, '@type': 'dpv:DataSubject', 'dct:identifier': input.subjectRef },
    'dpv:hasDataController': { '@id': `ashiato:controller:${input.controller}`, 'dct:title': policy?.name ?? input.controller },
    ...(regime ? { 'dpv:hasJurisdiction': LAW[regime].jurisdiction, 'dpv:hasApplicableLaw': LAW[regime].law } : {}),
    'dpv:hasLegalBasis': regime === 'GDPR' ? 'eu-gdpr:A6-1-a' : 'dpv:Consent',
    ...(policy
      ? {
          'dpv:hasNotice': {
            '@id': `ashiato:policy:${input.controller}:${policy.version}`,
            '@type': 'dpv:PrivacyNotice',
            'dct:date': policy.effectiveFrom,
            'dct:hasVersion': policy.version,
          },
        }
      : {}),
    'dpv:hasProcess': {
      '@type': 'dpv:Process',
      'dpv:hasPurpose': purposes.length
        ? purposes.map((p) => ({ '@type': p.dpv ?? 'dpv:Purpose', 'dct:identifier': p.id, 'dct:description': p.label }))
        : ['dpv:Purpose'],
      'dpv:hasPersonalData': personalData,
      ...(recipients.length
        ? {
            'dpv:hasRecipient': recipients.map((r) => ({
              '@id': `ashiato:recipient:${input.controller}:${r.id}`,
              '@type': dpvProvisionBasis(r.basis, regime ?? 'APPI', r.relation).recipientRole,
              'dct:title': r.name,
              'dpv:hasLocation': `loc:${r.country}`,
            })),
          }
        : {}),
    },
    'dpv:hasConsentStatus': states,
  };
}
