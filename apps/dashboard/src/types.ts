/** The API's answer shapes the page reads (mirrors of the server's views; only the fields used). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OverviewStats {
  projectedPosition: number;
  eventsByType: Record<string, number>;
  flowsByDay: { day: string; allowed: number; violation: number }[];
  violationsByCode: { code: string; controller: string; count: number }[];
  erasures: { open: number; overdue: number; done: number };
  breaches: number;
}

export interface DeadlineClock {
  kind: string;
  regime: 'APPI' | 'GDPR';
  legalBasis: string;
  startedAt: string;
  targetAt?: string;
  dueAt?: string;
  status: 'open' | 'closed';
  overdue: boolean;
  closedLate: boolean;
  closedAt?: string;
}

export interface BreachSummary {
  breachId: string;
  eventId: string;
  holder: string;
  controller: string | null;
  items: string[];
  window: { from: string; to: string };
  discoveredAt: string;
  cause: string | null;
  affectedSubjects: number;
  reportable: boolean;
  triggers: string[];
  openClocks: number;
  overdueClocks: number;
  clocks: DeadlineClock[];
}

export interface ViolationView {
  eventId: string;
  position: number;
  code: string;
  holder: string;
  controller: string;
  subjectRef: string;
  occurredAt: string;
  message: string;
  items: string[];
}

export interface FlowView {
  eventId: string;
  position: number;
  type: string;
  occurredAt: string;
  controller: string;
  subjectRef: string;
  holder: string | null;
  recipient: string | null;
  items: string[];
  purposes: string[];
  basis: string | null;
  policyVersion: string | null;
  verdict: 'allowed' | 'violation' | null;
  codes: string[];
}

export interface PolicyItem {
  id: string;
  label: string;
  category: string;
  sensitive: boolean;
}

export interface PolicyRecipient {
  id: string;
  name: string;
  country: string;
  relation: string;
  purposes: string[];
  items: string[];
  basis?: string;
}

export interface PolicyDocument {
  controller: string;
  name: string;
  regime: string;
  version: string;
  effectiveFrom: string;
  items: PolicyItem[];
  purposes: { id: string; label: string; items: string[]; requiresConsent?: boolean }[];
  recipients: PolicyRecipient[];
  retention: { items: string[]; rule: string }[];
}

export interface PolicyVersionView {
  controller: string;
  version: string;
  effectiveFrom: string;
  publishedAt: string;
  eventId: string;
  position: number;
  document: PolicyDocument;
}

export const VIOLATION_CODES = [
  'POLICY_MISSING',
  'PURPOSE_UNDECLARED',
  'ITEM_OUTSIDE_PURPOSE',
  'RECIPIENT_UNDECLARED',
  'ITEM_OUTSIDE_RECIPIENT_SCOPE',
  'CONSENT_MISSING',
  'CONSENT_WITHDRAWN',
  'CROSS_BORDER_NO_BASIS',
  'SENSITIVE_OPT_OUT',
  'ITEM_NOT_HELD',
  'USE_AFTER_ERASURE',
  'RETENTION_EXCEEDED',
  'ERASURE_NOT_PROPAGATED',
] as const;
