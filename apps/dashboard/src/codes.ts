import { labelOf, type LabelKind } from '../../../libs/domain/src/presentation/labels';
import { currentLang } from './i18n';

/** Labels of codes in the current language, from the one vocabulary the reports and the CLI share. */
const label =
  (kind: LabelKind) =>
  (code: string | undefined | null): string =>
    labelOf(kind, code, currentLang());

/** What each violation code means, for people. */
export const codeText = (code: string): string => labelOf('violation', code, currentLang());
export const basisText = label('basis');
export const relationText = label('relation');
export const sourceText = label('source');
export const erasureStateText = label('erasureState');
export const regimeText = label('regime');
export const causeText = label('cause');
export const protectionText = label('protection');
export const riskLevelText = label('riskLevel');
export const art34ExemptionText = label('art34Exemption');
export const triggerText = label('breachTrigger');
export const clockText = label('clock');
export const openFactText = label('openFact');
/** `true`, `false` or `"undetermined"`: undetermined is never shown as reportable. */
export const reportableText = (r: boolean | 'undetermined' | undefined | null): string => labelOf('reportable', r, currentLang());
export const recordStatusText = label('recordStatus');
export const recordReasonText = label('recordReason');
export const observableKindText = label('observableKind');
