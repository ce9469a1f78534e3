import type { PolicyDocument } from '../policy/policy';

/** The EEA: the 27 EU member states plus Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2). */
export const EEA = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

/**
 * Countries the PPC designated as having a personal-information protection system equivalent to
 * Japan's (APPI Art. 28(1); PPC Notification No. 1 of 2019 and its amendment for the United Kingdom):
 * the EEA and the UK. A transfer there needs no Art. 28 consent.
 */
export const APPI_EQUIVALENT_COUNTRIES: ReadonlySet<string> = new Set([...EEA, 'GB']);

/**
 * Countries with a European Commission adequacy decision covering the whole country (GDPR Art. 45):
 * Andorra, Argentina, Canada (commercial organisations), the Faroe Islands, Guernsey, Israel, the Isle
 * of Man, Japan, Jersey, New Zealand, the Republic of Korea, Switzerland, the United Kingdom and
 * Uruguay. The United States is adequate only for organisations certified under the Data Privacy
 * Framework, which a country code cannot tell: such a recipient declares `equivalentSystem`.
 */
export const GDPR_ADEQUATE_COUNTRIES: ReadonlySet<string> = new Set(['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY']);

/**
 * Whether handing data to a party in `country` is a transfer abroad that needs its own basis under
 * the controller's regime: outside Japan and not to an equivalent-system country (APPI Art. 28, Art. 71
 * for public bodies), or outside the EEA to a country without an adequacy decision (GDPR Chapter V).
 */
export function isRestrictedTransfer(regime: PolicyDocument['regime'], country: string): boolean {
  if (regime === 'GDPR') return !EEA.has(country) && !GDPR_ADEQUATE_COUNTRIES.has(country);
  return country !== 'JP' && !APPI_EQUIVALENT_COUNTRIES.has(country);
}
