import { readFileSync } from 'fs';
import { join } from 'path';
import { parsePolicy, parsePolicyOrThrow, PolicyInvalidError, validatePolicy } from './load-policy';
import { SEED_POLICY_DIR } from './seed-policies.testing';

const minimal = () => ({
  controller: 'acme',
  name: 'Acme',
  regime: 'APPI',
  version: '1',
  effectiveFrom: '2024-01-01T00:00:00+09:00',
  items: [{ id: 'email', label: 'メール', category: 'user.contact.email', sensitive: false }],
  purposes: [{ id: 'support', label: 'サポート', items: ['email'] }],
  recipients: [{ id: 'helpdesk-co', name: 'Helpdesk', country: 'JP', relation: 'entrustee', purposes: ['support'], items: ['email'] }],
  retention: [{ items: ['email'], rule: 'P1Y' }],
});

describe('parsePolicy / validatePolicy', () => {
  it('accepts a document given as JSON or as YAML', () => {
    const json = parsePolicy(JSON.stringify(minimal()), 'json');
    expect(json).toEqual({ ok: true, policy: minimal() });
    const yaml = parsePolicy(readFileSync(join(SEED_POLICY_DIR, 'jcert.yaml'), 'utf8'), 'yaml');
    expect(yaml.ok && yaml.policy.controller).toBe('jcert');
  });

  it('reports every reference to an undeclared item, purpose or recipient with its JSON path', () => {
    const doc = minimal();
    doc.purposes[0].items.push('phone');
    doc.recipients[0].purposes = ['support', 'sales'];
    doc.retention.push({ items: ['fax'], rule: 'until-erasure', holder: 'nobody' } as never);
    expect(validatePolicy(doc).map((e) => [e.code, e.path])).toEqual([
      ['POLICY_UNKNOWN_REFERENCE', '$.purposes[0].items[1]'],
      ['POLICY_UNKNOWN_REFERENCE', '$.recipients[0].purposes[1]'],
      ['POLICY_UNKNOWN_REFERENCE', '$.retention[1].items[0]'],
      ['POLICY_UNKNOWN_REFERENCE', '$.retention[1].holder'],
    ]);
  });

  it('reports duplicate ids, bad regime, relation, country, basis and rule, missing and unknown fields', () => {
    const doc = minimal() as Record<string, unknown> & ReturnType<typeof minimal>;
    doc.regime = 'CCPA';
    doc.items.push({ id: 'email', label: 'dup', category: 'user.contact.email', sensitive: false });
    Object.assign(doc.recipients[0], { country: 'XX', relation: 'partner', basis: 'contract' });
    doc.retention[0].rule = 'three years';
    delete (doc as Partial<typeof doc>).version;
    (doc.purposes[0] as Record<string, unknown>).requireConsent = true;
    expect(validatePolicy(doc).map((e) => [e.code, e.path])).toEqual([
      ['POLICY_FIELD_INVALID', '$.regime'],
      ['POLICY_FIELD_MISSING', '$.version'],
      ['POLICY_FIELD_UNKNOWN', '$.purposes[0].?'],
      ['POLICY_FIELD_INVALID', '$.recipients[0].country'],
      ['POLICY_FIELD_INVALID', '$.recipients[0].relation'],
      ['POLICY_FIELD_INVALID', '$.recipients[0].basis'],
      ['POLICY_DUPLICATE_ID', '$.items[1].id'],
      ['POLICY_FIELD_INVALID', '$.retention[0].rule'],
    ]);
  });

  it('rejects an unquoted YAML version, a non-object and an id with spaces', () => {
    const yaml = [
      'controller: my controller',
      'name: x',
      'regime: APPI',
      'version: 1',
      'effectiveFrom: "2024-01-01"',
      'items: []',
      'purposes: []',
      'recipients: []',
      'retention: []',
    ].join('\n');
    const result = parsePolicy(yaml, 'yaml');
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['$.controller', '$.version']);
    expect(validatePolicy(['not', 'an', 'object'])).toEqual([{ path: '$', code: 'POLICY_FIELD_INVALID', message: 'a policy document must be an object' }]);
  });

  it('refuses YAML aliases that name no anchor, alias bombs and list keys as syntax errors, quoting nothing', () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`),
    ].join('\n');
    for (const text of ['controller: *secret-anchor\n', laughs, '? [alice@example.com]\n: 1\n']) {
      const result = parsePolicy(text, 'yaml');
      expect(result).toMatchObject({ ok: false, errors: [{ code: 'POLICY_SYNTAX', path: '$' }] });
      expect(JSON.stringify(result)).not.toMatch(/secret-anchor|alice|lol/);
    }
    const json = parsePolicy('{"controller": alice@example.com}', 'json');
    expect(json).toMatchObject({ ok: false, errors: [{ code: 'POLICY_SYNTAX' }] });
    expect(JSON.stringify(json)).not.toContain('alice');
  });

  it('reports syntax errors with their line, and throws a coded error for callers that want one', () => {
    const result = parsePolicy('controller: acme\nitems: [\n  - broken', 'yaml');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatchObject({ code: 'POLICY_SYNTAX', path: '$', message: expect.stringMatching(/line \d+/) });
    expect(parsePolicy('{"controller":', 'json')).toMatchObject({ ok: false, errors: [{ code: 'POLICY_SYNTAX' }] });
    expect(() => parsePolicyOrThrow('{}', 'json')).toThrow(PolicyInvalidError);
    let caught: unknown;
    try {
      parsePolicyOrThrow('{}', 'json');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'POLICY_INVALID',
      errors: expect.arrayContaining([{ path: '$.controller', code: 'POLICY_FIELD_MISSING', message: 'controller is required' }]),
    });
    expect((caught as PolicyInvalidError).errors).toHaveLength(9);
  });
});
