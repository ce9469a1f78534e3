import type { Clock } from '@ashiato/domain';
import { notFound, validationFailed } from '../errors/api-error';
import type { BreachAnswer } from './breach-reader';

/**
 * One controller's draft report of a breach, with its reportability and clocks: the named controller's,
 * else the first that must (or may have to) report. 400 for a controller not of this breach, 404 without a draft.
 */
export function draftReportView(answer: BreachAnswer, controller: string | undefined, clock: Clock) {
  const assessment = controller ? answer.assessments.find((a) => a.controller === controller) : answer.assessments.find((a) => a.draft === answer.draftReport);
  if (controller && !assessment) throw validationFailed([{ path: 'controller', message: 'is not a controller of this breach' }]);
  if (!assessment?.draft) throw notFound('no draft: no policy of a controller of this breach is known, so no regime can draft its report');
  return {
    draft: assessment.draft,
    reportability: assessment.reportability,
    clocks: assessment.clocks,
    generatedAt: clock.now().toISOString(),
    ...(answer.declared.title ? { title: answer.declared.title } : {}),
  };
}
