/** Daily flow counts folded into ISO weeks (Monday start): a year of days stays legible as bars. */
export function weeklyFlows(days: { day: string; allowed: number; violation: number }[]): { week: string; allowed: number; violation: number }[] {
  const weeks = new Map<string, { week: string; allowed: number; violation: number }>();
  for (const d of days) {
    const date = new Date(`${d.day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    const week = date.toISOString().slice(0, 10);
    const w = weeks.get(week) ?? { week, allowed: 0, violation: 0 };
    w.allowed += d.allowed;
    w.violation += d.violation;
    weeks.set(week, w);
  }
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}
