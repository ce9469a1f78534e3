/**
 * The API's answer shapes the page reads: all generated. `npm run api-types` writes api-types.ts from
 * the OpenAPI components that /docs serves (the zod schemas of libs/domain/src/contract), and a test
 * fails while the file is stale, so a changed response field fails the dashboard's type check wherever
 * it is read.
 */
import type { components } from './api-types';

type Schemas = components['schemas'];

export type PolicyDocument = Schemas['PolicyDocument'];
export type PolicyItem = PolicyDocument['items'][number];
export type PolicyRecipient = PolicyDocument['recipients'][number];
export type PolicyVersionView = Schemas['PolicyVersionView'];
export type OverviewStats = Schemas['OverviewStats'];
export type BreachSummary = Schemas['BreachSummary'];
export type DeadlineClock = Schemas['DeadlineClock'];
export type FlowView = Schemas['FlowView'];
export type FlowPage = Schemas['FlowPage'];
export type ViolationView = Schemas['ViolationView'];
export type ViolationPage = Schemas['ViolationPage'];
export type ErasureView = Schemas['ErasureView'];
export type ErasurePage = Schemas['ErasurePage'];
export type RecordOfProcessingView = Schemas['RecordOfProcessing'];
export type AnnotatedLine = Schemas['AnnotatedLine'];
export type LineStatus = AnnotatedLine['status'];
export type CountryTransfers = Schemas['CountryTransfers'];
export type AuditPage = Schemas['AuditPage'];
export type WhatIfAnswer = Schemas['WhatIfAnswer'];
export type BreachAnswer = Schemas['BreachAnswer'];
export type ControllerBreachAssessment = Schemas['ControllerBreachAssessment'];

export { VIOLATION_CODES } from '../../../libs/domain/src/flows/violations';
