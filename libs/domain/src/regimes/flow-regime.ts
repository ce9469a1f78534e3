import { assertNever } from '../events/events';
import type { Regime } from '../policy/policy';
import { appiFlowRules } from './appi/flow-provision';
import { appiPublicFlowRules } from './appi-public/flow-provision';
import type { FlowRules } from './flow-rules';
import { gdprFlowRules } from './gdpr/flow-provision';

/** The flow rules of a controller's regime (the policy's `regime`). */
export function flowRulesOf(regime: Regime): FlowRules {
  switch (regime) {
    case 'APPI':
      return appiFlowRules;
    case 'APPI-public':
      return appiPublicFlowRules;
    case 'GDPR':
      return gdprFlowRules;
    default:
      return assertNever(regime);
  }
}
