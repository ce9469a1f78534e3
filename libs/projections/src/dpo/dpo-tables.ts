/**
 * The read model the DPO features add beside the projection engine's tables: the access log
 * (`AccessRecorded` events of stream `audit`) behind `GET /v1/audit`. It keeps its own checkpoint
 * (the highest stream version it holds), so engine rebuilds neither need nor disturb it.
 */
export interface AccessLogTable {
  stream_version: number;
  event_id: string;
  occurred_at: string;
  actor: string;
  action: string;
  target: string;
}

export interface DpoDatabase {
  access_log: AccessLogTable;
}
