export type ScaleName = 'small' | 'medium' | 'full';

export interface Scale {
  subjects: number;
  /** Subjects whose lineage is read (the issue asks for 10,000; the small scale has fewer). */
  lineageSamples: number;
  /** Events appended to the peer: it appends one stream per call, so the full log would not fit in 30 minutes. */
  peerEvents: number;
  /** Events sent through HTTP: the API validates every event, and the whole full log would not fit in 30 minutes. */
  httpEvents: number;
  /** Events appended to the PostgreSQL event store (when a PostgreSQL URL is set). */
  pgEvents: number;
  /** Events sent to the built server by the sustained-ingest measurement, once per number of partitions. */
  sustainedEvents: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  small: { subjects: 1_000, lineageSamples: 1_000, peerEvents: Infinity, httpEvents: Infinity, pgEvents: Infinity, sustainedEvents: 3_000 },
  medium: { subjects: 100_000, lineageSamples: 10_000, peerEvents: 100_000, httpEvents: 200_000, pgEvents: 200_000, sustainedEvents: 200_000 },
  full: { subjects: 1_000_000, lineageSamples: 10_000, peerEvents: 100_000, httpEvents: 200_000, pgEvents: 1_000_000, sustainedEvents: 200_000 },
};

export function isScaleName(s: string): s is ScaleName {
  return s in SCALES;
}
