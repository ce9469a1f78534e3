import { assertNever, type BreachDeclared, type BreachEvent, type BreachReported, type SubjectsNotified } from '../events/events';

/** What one breach stream says: the declaration and the reports and notifications that followed. */
export interface BreachState {
  declared?: BreachDeclared;
  reports: BreachReported[];
  notifications: SubjectsNotified[];
}

export function emptyBreachState(): BreachState {
  return { reports: [], notifications: [] };
}

export function evolveBreach(state: BreachState, event: BreachEvent): BreachState {
  switch (event.type) {
    case 'BreachDeclared':
      return { ...state, declared: event };
    case 'BreachReported':
      return { ...state, reports: [...state.reports, event] };
    case 'SubjectsNotified':
      return { ...state, notifications: [...state.notifications, event] };
    default:
      return assertNever(event);
  }
}
