/**
 * Term names of the W3C Data Privacy Vocabulary 2.2 (https://w3id.org/dpv, w3c/dpv at commit
 * f01a55c3c0983e35cdfdf80593ece3353faba7b8, the 2.2 CSV files), W3C Software and Document License: kept so that every
 * mapping to DPV is checked against the vocabulary itself. Generated from those files; not edited by hand.
 */

/** DPV-PD personal data categories (`pd:` prefix, 2.2/pd/pd.csv). */
export const DPV_PD_TERMS: ReadonlySet<string> = new Set([
  'Accent', 'AccountIdentifier', 'Acquaintance', 'Age', 'AgeExact', 'AgeRange', 'ApartmentOwned',
  'Association', 'Attitude', 'Authenticating', 'AuthenticationHistory', 'BankAccount', 'Behavioural',
  'Biometric', 'BirthCountry', 'BirthDate', 'BirthPlace', 'BloodType', 'BrowserFingerprint',
  'BrowserHistory', 'BrowsingBehaviour', 'BrowsingReferral', 'CallLog', 'CarOwned', 'Character',
  'Citizenship', 'City', 'Communication', 'CommunicationsMetadata', 'Connection', 'Contact', 'Country',
  'Credit', 'CreditCapacity', 'CreditCardNumber', 'CreditRecord', 'CreditScore', 'CreditStanding',
  'CreditWorthiness', 'Criminal', 'CriminalCharge', 'CriminalConviction', 'CriminalOffence',
  'CriminalPardon', 'CurrentEmployment', 'DNACode', 'Demeanour', 'Demographic', 'DeviceApplications',
  'DeviceBased', 'DeviceOperatingSystem', 'DeviceSoftware', 'Dialect', 'DigitalFingerprint', 'Disability',
  'DisciplinaryAction', 'Dislike', 'Divorce', 'Domicile', 'DrugTestResult', 'Education',
  'EducationExperience', 'EducationQualification', 'EmailAddress', 'EmailAddressPersonal',
  'EmailAddressWork', 'EmailContent', 'Emotion', 'EmploymentHistory', 'EthnicOrigin', 'Ethnicity',
  'External', 'FacialExpression', 'FacialPrint', 'Family', 'FamilyHealthHistory', 'FamilyStructure',
  'Favourite', 'FavouriteColour', 'FavouriteFood', 'FavouriteMusic', 'Fetish', 'Financial',
  'FinancialAccount', 'FinancialAccountNumber', 'FinancialStatus', 'Fingerprint', 'Friend', 'GPSCoordinate',
  'Gender', 'GeneralReputation', 'Genetic', 'Geographic', 'GroupMembership', 'GroupProfile', 'HairColour',
  'Health', 'HealthHistory', 'HealthRecord', 'Height', 'Historical', 'HouseNumber', 'HouseOwned',
  'Household', 'IPAddress', 'Identifier', 'Identifying', 'Income', 'IncomeBracket',
  'IndividualHealthHistory', 'IndividualProfile', 'Insurance', 'Intention', 'Interaction', 'Interest',
  'Internal', 'Job', 'KnowledgeBelief', 'Language', 'LifeHistory', 'Like', 'LinkClicked', 'LoanRecord',
  'Locality', 'Location', 'MACAddress', 'MaritalStatus', 'Marriage', 'MedicalHealth', 'MentalHealth', 'Mood',
  'Name', 'Nationality', 'OfficialID', 'Offspring', 'Opinion', 'Ownership', 'PINCode', 'Parent', 'Passport',
  'Password', 'PastEmployment', 'PaymentCard', 'PaymentCardExpiry', 'PaymentCardNumber', 'PerformanceAtWork',
  'PersonalDocuments', 'PersonalPossession', 'Personality', 'PhilosophicalBelief', 'PhysicalAddress',
  'PhysicalCharacteristic', 'PhysicalHealth', 'PhysicalTrait', 'Picture', 'Piercing', 'PoliticalAffiliation',
  'PoliticalOpinion', 'PostalCode', 'Preference', 'Prescription', 'PrivacyPreference', 'Proclivity',
  'Professional', 'ProfessionalCertification', 'ProfessionalEvaluation', 'ProfessionalInterview', 'Profile',
  'PublicLife', 'PubliclyAvailableSocialMedia', 'Purchase', 'PurchasesAndSpendingHabit', 'Race', 'Reference',
  'Region', 'Relationship', 'Reliability', 'Religion', 'ReligiousBelief', 'Residency', 'Retina',
  'RoomNumber', 'Salary', 'Sale', 'School', 'SecretText', 'ServiceConsumptionBehaviour', 'Sexual',
  'SexualHistory', 'SexualPreference', 'Sibling', 'SkinTone', 'Social', 'SocialMedia',
  'SocialMediaCommunication', 'SocialNetwork', 'SocialStatus', 'Street', 'TVViewingBehaviour', 'Tattoo',
  'Tax', 'TelephoneNumber', 'Thought', 'Tracking', 'TradeUnionMembership', 'Transaction', 'Transactional',
  'TravelHistory', 'UID', 'UserAgent', 'Username', 'VehicalLicenseNumber', 'VehicalLicenseRegistration',
  'Vehicle', 'VehicleLicense', 'VehicleUsage', 'VoiceCommunicationRecording', 'VoiceMail', 'Weight',
  'WorkEnvironment', 'WorkHistory',
]);

/** DPV purposes (`dpv:` prefix, 2.2/dpv/modules/purposes.csv). */
export const DPV_PURPOSE_TERMS: ReadonlySet<string> = new Set([
  'AcademicResearch', 'AccountManagement', 'Advertising', 'AgeVerification', 'CombatClimateChange',
  'CommercialPurpose', 'CommercialResearch', 'CommunicationForCustomerCare', 'CommunicationManagement',
  'CounterMoneyLaundering', 'Counterterrorism', 'CustomerCare', 'CustomerClaimsManagement',
  'CustomerManagement', 'CustomerOrderManagement', 'CustomerRelationshipManagement',
  'CustomerSolvencyMonitoring', 'DataAltruism', 'DeliveryOfGoods', 'DirectMarketing', 'DisputeManagement',
  'EnforceAccessControl', 'EnforceSecurity', 'EstablishContractualAgreement', 'FraudPreventionAndDetection',
  'FulfilmentOfContractualObligation', 'FulfilmentOfObligation', 'HumanResourceManagement',
  'IdentityAuthentication', 'IdentityVerification', 'ImproveExistingProductsAndServices',
  'ImproveHealthcare', 'ImproveInternalCRMProcesses', 'ImprovePublicServices', 'ImproveTransportMobility',
  'IncreaseServiceRobustness', 'InternalResourceOptimisation', 'LegalCompliance', 'MaintainFraudDatabase',
  'Marketing', 'MemberPartnerManagement', 'MisusePreventionAndDetection', 'NonCommercialPurpose',
  'NonCommercialResearch', 'OptimisationForConsumer', 'OptimisationForController', 'OptimiseUserInterface',
  'OrganisationComplianceManagement', 'OrganisationGovernance', 'OrganisationRiskManagement',
  'PaymentManagement', 'Personalisation', 'PersonalisedAdvertising', 'PersonalisedBenefits',
  'PersonnelBehaviourMonitoring', 'PersonnelHiring', 'PersonnelManagement', 'PersonnelMonitoring',
  'PersonnelOffboarding', 'PersonnelOnboarding', 'PersonnelPayment', 'PersonnelPerformanceEvaluation',
  'PersonnelPerformanceManagement', 'PersonnelPerformanceMonitoring', 'PersonnelPerformancePrediction',
  'PersonnelPromotionManagement', 'PersonnelTerminationManagement', 'PersonnelWorkloadManagement',
  'PoliticalCampaign', 'ProtectionOfIPR', 'ProtectionOfNationalSecurity', 'ProtectionOfPublicSecurity',
  'ProvideEventRecommendations', 'ProvideOfficialStatistics', 'ProvidePersonalisedRecommendations',
  'ProvideProductRecommendations', 'PublicBenefit', 'PublicPolicyMaking', 'PublicRelations', 'Purpose',
  'RecordManagement', 'RecruitmentAdvertising', 'RecruitmentApplicantBackgroundCheck',
  'RecruitmentApplicantCriminalBackgroundCheck', 'RecruitmentApplicantInformationAuthentication',
  'RecruitmentApplicantSelection', 'RecruitmentApplicationAnalysis', 'RecruitmentApplicationManagement',
  'RecruitmentApplicationScreening', 'RecruitmentInterviewAnalysis', 'RecruitmentInterviewAssessment',
  'RecruitmentInterviewManagement', 'RecruitmentInterviewScheduling', 'RecruitmentManagement',
  'RecruitmentTargetedAdvertising', 'RepairImpairments', 'RequestedServiceProvision',
  'ResearchAndDevelopment', 'RightsFulfilment', 'ScientificResearch', 'SearchFunctionalities', 'Sector',
  'SellDataToThirdParties', 'SellInsightsFromData', 'SellProducts', 'SellProductsToDataSubject',
  'ServiceOptimisation', 'ServicePersonalisation', 'ServiceProvision', 'ServiceRegistration',
  'ServiceUsageAnalytics', 'SocialMediaMarketing', 'TargetedAdvertising', 'TechnicalServiceProvision',
  'UserInterfacePersonalisation', 'VendorManagement', 'VendorPayment', 'VendorRecordsManagement',
  'VendorSelectionAssessment', 'Verification',
]);

/** DPV legal bases (`dpv:` prefix, 2.2/dpv/modules/legal_basis.csv). */
export const DPV_LEGAL_BASIS_TERMS: ReadonlySet<string> = new Set([
  'Consent', 'Contract', 'ContractPerformance', 'DataTransferLegalBasis', 'EnterIntoContract', 'LegalBasis',
  'LegalObligation', 'LegitimateInterest', 'LegitimateInterestOfController',
  'LegitimateInterestOfDataSubject', 'LegitimateInterestOfThirdParty', 'OfficialAuthorityOfController',
  'PublicInterest', 'VitalInterest', 'VitalInterestOfDataSubject', 'VitalInterestOfNaturalPerson',
]);

/** DPV legal roles of entities (`dpv:` prefix, 2.2/dpv/modules/entities_legalrole.csv). */
export const DPV_LEGAL_ROLE_TERMS: ReadonlySet<string> = new Set([
  'DataController', 'DataExporter', 'DataImporter', 'DataProcessor', 'DataProtectionOfficer',
  'DataSubProcessor', 'JointDataControllers', 'Recipient', 'ServiceConsumer', 'ServiceProvider',
  'ThirdParty',
]);

/** DPV consent states (`dpv:` prefix, 2.2/dpv/modules/consent_status.csv). */
export const DPV_CONSENT_STATUS_TERMS: ReadonlySet<string> = new Set([
  'ConsentExpired', 'ConsentGiven', 'ConsentInvalidated', 'ConsentRefused', 'ConsentRequestDeferred',
  'ConsentRequested', 'ConsentRevoked', 'ConsentStatus', 'ConsentStatusInvalidForProcessing',
  'ConsentStatusValidForProcessing', 'ConsentUnknown', 'ConsentWithdrawn', 'RenewedConsentGiven',
]);
