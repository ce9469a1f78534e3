import type { ProvisionBasis } from '../policy/provision-basis';
import type { RecipientRelation, Regime } from '../policy/policy';
import { FIDESLANG_DATA_CATEGORIES, type FideslangDataCategory } from './fideslang';

/**
 * fideslang data categories in the W3C Data Privacy Vocabulary's personal-data terms (DPV-PD 2.2).
 * Every `user.*` category has its own entry (a spec checks each names a DPV-PD term); `system.*`
 * categories are not personal data. Where DPV-PD has no narrower term the nearest broader one is used
 * (e.g. cookies: `pd:Tracking`).
 */
const FIDESLANG_TO_DPV_PD: Record<FideslangDataCategory, string | null> = {
  system: null,
  'system.authentication': null,
  'system.operations': null,
  user: 'dpv:PersonalData',
  'user.account': 'pd:Identifying',
  'user.account.settings': 'pd:Preference',
  'user.account.username': 'pd:Username',
  'user.authorization': 'pd:Authenticating',
  'user.authorization.credentials': 'pd:Authenticating',
  'user.authorization.biometric': 'pd:Biometric',
  'user.authorization.password': 'pd:Password',
  'user.behavior': 'pd:Behavioural',
  'user.behavior.browsing_history': 'pd:BrowserHistory',
  'user.behavior.media_consumption': 'pd:ServiceConsumptionBehaviour',
  'user.behavior.purchase_history': 'pd:PurchasesAndSpendingHabit',
  'user.behavior.search_history': 'pd:BrowsingBehaviour',
  'user.biometric': 'pd:Biometric',
  'user.biometric.fingerprint': 'pd:Fingerprint',
  'user.biometric.retinal': 'pd:Retina',
  'user.biometric.voice': 'pd:Biometric',
  'user.biometric.health': 'pd:PhysicalHealth',
  'user.contact': 'pd:Contact',
  'user.contact.address': 'pd:PhysicalAddress',
  'user.contact.address.city': 'pd:City',
  'user.contact.address.country': 'pd:Country',
  'user.contact.address.postal_code': 'pd:PostalCode',
  'user.contact.address.state': 'pd:Region',
  'user.contact.address.street': 'pd:Street',
  'user.contact.email': 'pd:EmailAddress',
  'user.contact.phone_number': 'pd:TelephoneNumber',
  'user.contact.url': 'pd:Contact',
  'user.contact.fax_number': 'pd:TelephoneNumber',
  'user.contact.organization': 'pd:Professional',
  // Children's data: DPV-PD has no term of its own for the data of a child; the data subject's age is what makes it so.
  'user.childrens': 'dpv:PersonalData',
  'user.content': 'pd:Communication',
  'user.content.private': 'pd:Communication',
  'user.content.public': 'pd:PublicLife',
  'user.content.self_image': 'pd:Picture',
  'user.demographic': 'pd:Demographic',
  'user.demographic.age_range': 'pd:AgeRange',
  'user.demographic.date_of_birth': 'pd:BirthDate',
  'user.demographic.gender': 'pd:Gender',
  'user.demographic.language': 'pd:Language',
  'user.demographic.marital_status': 'pd:MaritalStatus',
  'user.demographic.political_opinion': 'pd:PoliticalOpinion',
  'user.demographic.profile': 'pd:Profile',
  'user.demographic.race_ethnicity': 'pd:EthnicOrigin',
  'user.demographic.religious_belief': 'pd:ReligiousBelief',
  'user.demographic.sexual_orientation': 'pd:SexualPreference',
  'user.location': 'pd:Location',
  'user.location.imprecise': 'pd:Location',
  'user.location.precise': 'pd:GPSCoordinate',
  'user.device': 'pd:DeviceBased',
  'user.device.cookie': 'pd:Tracking',
  'user.device.cookie_id': 'pd:Tracking',
  'user.device.device_id': 'pd:UID',
  'user.device.ip_address': 'pd:IPAddress',
  'user.payment': 'pd:Financial',
  'user.social': 'pd:SocialMedia',
  'user.unique_id': 'pd:UID',
  'user.unique_id.pseudonymous': 'pd:UID',
  'user.telemetry': 'pd:Behavioural',
  'user.user_sensor': 'pd:DeviceBased',
  'user.sensor': 'pd:DeviceBased',
  'user.workplace': 'pd:CurrentEmployment',
  'user.job_title': 'pd:Job',
  'user.financial': 'pd:Financial',
  'user.financial.bank_account': 'pd:BankAccount',
  'user.financial.credit_card': 'pd:CreditCardNumber',
  'user.government_id': 'pd:OfficialID',
  'user.government_id.birth_certificate': 'pd:OfficialID',
  'user.government_id.drivers_license_number': 'pd:VehicalLicenseNumber',
  'user.government_id.immigration': 'pd:OfficialID',
  'user.government_id.national_identification_number': 'pd:OfficialID',
  'user.government_id.passport_number': 'pd:Passport',
  'user.government_id.vehicle_registration': 'pd:VehicalLicenseRegistration',
  'user.health_and_medical': 'pd:Health',
  'user.health_and_medical.genetic': 'pd:Genetic',
  'user.health_and_medical.insurance_beneficiary_id': 'pd:Insurance',
  'user.health_and_medical.record_id': 'pd:HealthRecord',
  'user.name': 'pd:Name',
  'user.name.first': 'pd:Name',
  'user.name.last': 'pd:Name',
  'user.criminal_history': 'pd:Criminal',
  'user.privacy_preferences': 'pd:PrivacyPreference',
};

/** The DPV-PD term (`pd:…`) of a fideslang category; `null` for system data or an unknown category. */
export function dpvPersonalDataOf(category: string): string | null {
  return Object.prototype.hasOwnProperty.call(FIDESLANG_DATA_CATEGORIES, category) ? FIDESLANG_TO_DPV_PD[category as FideslangDataCategory] : null;
}

/** How a provision's basis reads in DPV: a legal basis, the role it gives the recipient, and a note where DPV has no term. */
export interface DpvProvisionBasis {
  legalBasis: string | null;
  recipientRole: string;
  note?: string;
}

/**
 * A provision's basis in DPV terms, in the controller's regime. Entrustment and joint use are not legal
 * bases but roles (GDPR Arts. 28 and 26; APPI Art. 27(5)(i), (iii)): the recipient is a processor or a
 * joint controller and the controller's own basis for the processing stands. APPI's opt-out provision
 * (Art. 27(2)) and business succession (Art. 27(5)(ii)) have no DPV legal-basis term.
 */
export function dpvProvisionBasis(basis: ProvisionBasis | undefined, regime: Regime, relation?: RecipientRelation): DpvProvisionBasis {
  const role = relation === 'entrustee' ? 'dpv:DataProcessor' : relation === 'jointUser' ? 'dpv:JointDataControllers' : 'dpv:ThirdParty';
  switch (basis) {
    case 'consent':
      return { legalBasis: 'dpv:Consent', recipientRole: role };
    case 'statutory':
      return { legalBasis: regime === 'APPI-public' ? 'dpv:OfficialAuthorityOfController' : 'dpv:LegalObligation', recipientRole: role };
    case 'entrustment':
      return { legalBasis: null, recipientRole: 'dpv:DataProcessor', note: regime === 'GDPR' ? 'GDPR Art. 28 processor' : 'APPI Art. 27(5)(i) entrustment' };
    case 'jointUse':
      return {
        legalBasis: null,
        recipientRole: 'dpv:JointDataControllers',
        note: regime === 'GDPR' ? 'GDPR Art. 26 joint controllers' : 'APPI Art. 27(5)(iii) joint use',
      };
    case 'optOut':
      return regime === 'GDPR'
        ? { legalBasis: 'dpv:LegitimateInterest', recipientRole: role }
        : { legalBasis: 'dpv:LegalBasis', recipientRole: role, note: 'APPI Art. 27(2) opt-out provision' };
    case 'businessSuccession':
      return {
        legalBasis: 'dpv:LegalBasis',
        recipientRole: 'dpv:DataController',
        note: regime === 'GDPR' ? 'succession of the business' : 'APPI Art. 27(5)(ii) business succession',
      };
    default:
      return { legalBasis: null, recipientRole: role };
  }
}
