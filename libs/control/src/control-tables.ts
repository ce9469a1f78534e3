/** Tables of the control database (see control-db.ts), as the latest migration leaves them. */
export interface ApiKeyDigestsTable {
  id: string;
  role: string;
  /** SHA-256 of the key, hex; the key itself is never stored. */
  key_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface ControlDatabase {
  api_key_digests: ApiKeyDigestsTable;
}
