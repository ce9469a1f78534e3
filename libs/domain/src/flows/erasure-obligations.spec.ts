import { loadSeedPolicy } from '../policy/seed-policies.testing';
import { erasureObligations } from './erasure-obligations';
import { flowScenario } from './flow-scenario.testing';

describe('erasureObligations — who must follow a controller’s erasure', () => {
  const s = flowScenario(loadSeedPolicy('jcert'));
  const history = () => [
    s.acquired('2024-01-01T00:00:00Z', ['name', 'email', 'organisation-department', 'address-prefecture-city']),
    s.consented('2024-01-01T00:00:00Z', { recipients: ['starfield-technologies'] }),
    s.provided('2024-01-01T01:00:00Z', 'starfield-technologies', ['name', 'email'], ['certificate-service']),
    s.provided('2024-01-01T02:00:00Z', 'public-certificate-repository', ['organisation-department', 'address-prefecture-city'], ['certificate-publication'], { consentRef: 'app-1' }),
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
