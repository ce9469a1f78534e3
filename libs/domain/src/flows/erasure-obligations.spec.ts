import { loadSeedPolicy } from '../policy/seed-policies.testing';
import { erasureDueAt, erasureFulfilled, erasureNotPropagated, erasureObligations, isErasureOverdue } from './erasure-obligations';
import { flowScenario } from './flow-scenario.testing';

describe('erasureObligations — who must follow a controller’s erasure', () => {
  const s = flowScenario(loadSeedPolicy('jcert'));
  const history = () => [
    s.acquired('2024-01-01T00:00:00Z', ['name', 'email', 'organisation-department', 'address-prefecture-city']),
    s.consented('2024-01-01T00:00:00Z', { recipients: ['starfield-technologies'] }),
    s.provided('2024-01-01T01:00:00Z', 'starfield-technologies', ['name', 'email'], ['certificate-service']),
    s.provided('2024-01-01T02:00:00Z', 'public-certificate-repository', ['organisation-department', 'address-prefecture-city'], ['certificate-publication'], {
      consentRef: 'app-1',
    }),
  ];

  it('lists every recipient still holding erased items, before or after the erasure is applied', () => {
    const erasure = s.erased('2024-06-01T00:00:00Z', ['name', 'email', 'organisation-department'], { reason: 'account-deleted' });
    const expected = [
      { holder: 'public-certificate-repository', items: ['organisation-department'] },
      { holder: 'starfield-technologies', items: ['name', 'email'] },
    ];
    expect(erasureObligations(erasure, s.stateAfter(history()))).toEqual(expected);
    expect(erasureObligations(erasure, s.stateAfter([...history(), erasure]))).toEqual(expected);
  });

  it('drops a recipient that already erased its copy, and asks nothing of a recipient confirming its own erasure', () => {
    const starfieldDone = s.erased('2024-05-01T00:00:00Z', ['name', 'email'], { holder: 'starfield-technologies', reason: 'certificate-expired' });
    const erasure = s.erased('2024-06-01T00:00:00Z', ['name', 'email'], { reason: 'account-deleted' });
    expect(erasureObligations(erasure, s.stateAfter([...history(), starfieldDone]))).toEqual([]);
    expect(erasureObligations(starfieldDone, s.stateAfter(history()))).toEqual([]);
  });
});

describe('erasure deadlines — a recipient told of an erasure must confirm its own (APPI Art. 35, GDPR Arts. 17(1), 19)', () => {
  const s = flowScenario(loadSeedPolicy('jcert'));

  it('given an erasure on 1 March and 30 days, the recipient is due on 31 March and overdue only once the clock passes that instant', () => {
    const due = erasureDueAt('2024-03-01T00:00:00.000Z', 30);
    expect(due).toBe('2024-03-31T00:00:00.000Z');
    expect(isErasureOverdue(due, '2024-03-31T00:00:00.000Z')).toBe(false);
    expect(isErasureOverdue(due, '2024-03-31T00:00:00.001Z')).toBe(true);
  });

  it('given the recipient erased only part of the items, the obligation stays open until it holds none of them', () => {
    const history = [
      s.acquired('2024-01-01T00:00:00Z', ['name', 'email']),
      s.consented('2024-01-01T00:00:00Z', { recipients: ['starfield-technologies'] }),
      s.provided('2024-01-01T01:00:00Z', 'starfield-technologies', ['name', 'email'], ['certificate-service']),
    ];
    const pending = { holder: 'starfield-technologies', items: ['name', 'email'] };
    const partly = s.erased('2024-02-01T00:00:00Z', ['name'], { holder: 'starfield-technologies', reason: 'request' });
    const fully = s.erased('2024-02-02T00:00:00Z', ['email'], { holder: 'starfield-technologies', reason: 'request' });
    expect(erasureFulfilled(pending, s.stateAfter([...history, partly]))).toBe(false);
    expect(erasureFulfilled(pending, s.stateAfter([...history, partly, fully]))).toBe(true);
  });

  it('then a late recipient gets ERASURE_NOT_PROPAGATED naming it and the items it kept', () => {
    expect(erasureNotPropagated('starfield-technologies', ['email'])).toEqual({
      code: 'ERASURE_NOT_PROPAGATED',
      message: 'starfield-technologies had not confirmed erasure by the deadline',
      items: ['email'],
    });
  });
});
