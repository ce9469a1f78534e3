import { loadSeedPolicies } from './seed-policies.testing';
import type { PolicyDocument } from './policy';

/** The facts of the five seed texts that users of the fixtures rely on. */
describe('the five seed policies', () => {
  const seeds = loadSeedPolicies();
  const recipient = (p: PolicyDocument, id: string) => p.recipients.find((r) => r.id === id);
  const purpose = (p: PolicyDocument, id: string) => p.purposes.find((x) => x.id === id);

  it('declares each controller under its regime, with the dates the texts give', () => {
    const summary = Object.values(seeds).map((p) => [p.controller, p.regime, p.version, p.effectiveFrom.slice(0, 10)]);
    expect(summary).toEqual([
      ['cyberlinks-mynatrust', 'APPI', '1', '2023-05-24'],
      ['digital-agency-mykey', 'APPI-public', '1', '2021-09-01'],
      ['gbizconnect', 'APPI-public', '1', '2018-07-25'],
      ['jcert', 'APPI', '1', '2014-04-01'],
      ['nijimo-fujissl', 'APPI', '1', '2016-08-09'],
    ]);
  });

  it('マイナトラスト provides to the upstream cloud operator at login and at signing only', () => {
    expect(recipient(seeds['cyberlinks-mynatrust'], 'upstream-cloud-operator')).toMatchObject({
      country: 'JP',
      relation: 'thirdParty',
      purposes: ['user-authentication', 'document-signing'],
    });
  });

  it('JCERT entrusts to Starfield in the US without an equivalent-system basis and publishes only organisation and partial address', () => {
    const jcert = seeds.jcert;
    expect(recipient(jcert, 'starfield-technologies')).toMatchObject({ country: 'US', relation: 'entrustee' });
    expect(recipient(jcert, 'starfield-technologies')?.equivalentSystem).toBeUndefined();
    expect(recipient(jcert, 'public-certificate-repository')).toMatchObject({
      relation: 'public',
      items: ['organisation-department', 'address-prefecture-city'],
    });
    expect(purpose(jcert, 'marketing-email')).toMatchObject({ items: ['email'], requiresConsent: true });
    expect(jcert.retention.map((r) => r.rule)).toEqual(expect.arrayContaining(['P3Y-inactivity', 'until-erasure']));
  });

  it('gBizConnect keeps the registration fields of both forms and the automatic logs, entrusted to contractors in Japan', () => {
    const g = seeds.gbizconnect;
    expect(g.items.filter((i) => i.label.includes('必須')).map((i) => i.id)).toEqual([
      'account-name',
      'account-corporation-name',
      'account-department',
      'account-email',
      'account-password',
      'system-corporation-name',
      'system-email',
      'system-phone',
    ]);
    expect(g.items.filter((i) => i.label.includes('自動取得'))).toHaveLength(6);
    expect(recipient(g, 'gbizconnect-contractors')).toMatchObject({ country: 'JP', relation: 'entrustee', purposes: ['gbizconnect-provision'] });
  });

  it('FujiSSL shows certificate verifiers only the certificate and its validity', () => {
    const f = seeds['nijimo-fujissl'];
    expect(recipient(f, 'fujissl-certificate-verifiers')).toMatchObject({ relation: 'public', items: ['certificate-contents', 'certificate-validity'] });
    expect(recipient(f, 'fujissl-designated-agents')?.relation).toBe('thirdParty');
    expect(f.purposes.map((p) => p.id)).toEqual(expect.arrayContaining(['statistics-and-research', 'new-service-notices']));
  });

  it('MyKey Platform gives usage services their own identifier, never the platform-wide one', () => {
    const m = seeds['digital-agency-mykey'];
    expect(recipient(m, 'mykey-usage-services')).toMatchObject({ relation: 'publicBody', country: 'JP' });
    expect(recipient(m, 'mykey-usage-services')?.items).toContain('service-identifier');
    expect(recipient(m, 'mykey-usage-services')?.items).not.toContain('platform-user-identifier');
    expect(recipient(m, 'mykey-contractors')?.relation).toBe('entrustee');
  });

  it('flags only credentials as open to financial misuse, and no seed item as 要配慮個人情報', () => {
    const all = Object.values(seeds).flatMap((p) => p.items.map((i) => ({ ...i, controller: p.controller })));
    expect(all.filter((i) => i.sensitive)).toEqual([]);
    expect(all.filter((i) => i.financialRisk).map((i) => `${i.controller}/${i.id}`)).toEqual(['gbizconnect/account-password', 'jcert/login-credentials']);
  });
});
