import type { PolicyDocument, PolicyRecipient } from '../policy/policy';
import type { SubjectEvent } from '../events/events';
import { loadSeedPolicies } from '../policy/seed-policies.testing';
import { flowScenario } from './flow-scenario.testing';

/**
 * Transfers abroad under each regime. The seeds are all Japanese, so the JCERT policy is re-homed:
 * its Starfield entrustment kept, and one more entrustee placed in the country each case needs.
 */
describe('evaluateFlow — transfers abroad (APPI Art. 28, GDPR Chapter V)', () => {
  const jcert = loadSeedPolicies().jcert;
  const starfield = jcert.recipients.find((r) => r.id === 'starfield-technologies') as PolicyRecipient;
  const withProcessorIn = (country: string, regime: PolicyDocument['regime'], extra: Partial<PolicyRecipient> = {}): PolicyDocument => ({
    ...jcert,
    regime,
    recipients: [...jcert.recipients, { ...starfield, id: `processor-${country.toLowerCase()}`, name: `Processor (${country})`, country, ...extra }],
  });
  const items = ['name', 'email'];
  const purposes = ['certificate-service'];

  function transferCodes(policy: PolicyDocument, recipient: string, consentToRecipient = false): string[] {
    const s = flowScenario(policy);
    const history: SubjectEvent[] = [s.acquired('2024-04-01T10:00:00+09:00', items)];
    if (consentToRecipient) history.push(s.consented('2024-04-01T10:01:00+09:00', { recipients: [recipient] }));
    return s.codes(history, s.provided('2024-04-01T10:05:00+09:00', recipient, items, purposes, { basis: 'entrustment' }));
  }

  it('under APPI, an entrustee in a country with an equivalent system (EEA, UK) needs no consent', () => {
    expect(transferCodes(withProcessorIn('DE', 'APPI'), 'processor-de')).toEqual([]);
    expect(transferCodes(withProcessorIn('GB', 'APPI'), 'processor-gb')).toEqual([]);
  });

  it('under APPI, an entrustee in any other foreign country needs consent to that recipient', () => {
    expect(transferCodes(withProcessorIn('SG', 'APPI'), 'processor-sg')).toEqual(['CROSS_BORDER_NO_BASIS']);
    expect(transferCodes(withProcessorIn('SG', 'APPI'), 'processor-sg', true)).toEqual([]);
    expect(transferCodes(withProcessorIn('SG', 'APPI', { equivalentSystem: true }), 'processor-sg')).toEqual([]);
  });

  it('under the GDPR, a processor inside the EEA or in an adequate country is no restricted transfer', () => {
    expect(transferCodes(withProcessorIn('FR', 'GDPR'), 'processor-fr')).toEqual([]);
    expect(transferCodes(withProcessorIn('JP', 'GDPR'), 'processor-jp')).toEqual([]);
    expect(transferCodes(withProcessorIn('CH', 'GDPR'), 'processor-ch')).toEqual([]);
  });

  it('under the GDPR, the US recipient needs Data Privacy Framework certification, safeguards or explicit consent', () => {
    const gdpr = { ...jcert, regime: 'GDPR' as const };
    const s = flowScenario(gdpr);
    const judgement = s.judge(
      [s.acquired('2024-04-01T10:00:00+09:00', items)],
      s.provided('2024-04-01T10:05:00+09:00', 'starfield-technologies', items, purposes),
    );
    expect(judgement.violations).toEqual([
      expect.objectContaining({ code: 'CROSS_BORDER_NO_BASIS', message: expect.stringContaining('appropriate safeguards') }),
    ]);
    expect(transferCodes(gdpr, 'starfield-technologies', true)).toEqual([]);
    const certified = { ...gdpr, recipients: gdpr.recipients.map((r) => (r.id === 'starfield-technologies' ? { ...r, equivalentSystem: true } : r)) };
    expect(transferCodes(certified, 'starfield-technologies')).toEqual([]);
  });

  it('under the GDPR, a processor in a country without adequacy (India) is flagged; in Japan under APPI it is domestic', () => {
    expect(transferCodes(withProcessorIn('IN', 'GDPR'), 'processor-in')).toEqual(['CROSS_BORDER_NO_BASIS']);
    expect(transferCodes(withProcessorIn('JP', 'APPI'), 'processor-jp')).toEqual([]);
  });
});
