import type { Env } from '@ashiato/config';
import { readFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { brokenMessage } from '@ashiato/application';
import { ChainUnsupportedError, createEventStore, type ChainVerification, type EventStore } from '@ashiato/event-store';
import { formatInstant, UTC } from '@ashiato/domain';
import { eventStoreConfigFromEnv, refuseMissingLog, stderr, stdout } from '../cli-env';
import { printJson } from '../output/present';
import { checkSignature, loadSigningKey, signStatement, type HeadStatement, type SignedHeadStatement } from '../verify/head-statement';

const HASH = /^[0-9a-f]{64}$/;

function failure(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * Verifies the chain with a progress bar on stderr (a terminal only; `--no-progress` hides it). The bar
 * counts positions; on SQLite they are dense, so it is the share of the log checked.
 */
export async function verifyWithProgress(
  store: EventStore,
  options: { fromPosition?: number; trustedHash?: string; progress: boolean; label?: string },
): Promise<ChainVerification> {
  const head = options.progress ? await store.headPosition() : 0;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${options.label ?? 'verify'} [{bar}] {percentage}% | {value}/{total} positions`,
    hideCursor: true,
  });
  const show = options.progress && head - (options.fromPosition ?? 0) > 50_000;
  if (show) bar.start(head, options.fromPosition ?? 0);
  try {
    return await store.verifyChain({
      fromPosition: options.fromPosition,
      trustedHash: options.trustedHash,
      onProgress: show ? (position) => bar.update(Math.min(position, head)) : undefined,
    });
  } finally {
    if (show) bar.stop();
  }
}

interface VerifyOptions {
  from?: string;
  hash?: string;
  head?: boolean;
  statement?: string;
  progress: boolean;
  json?: boolean;
}

/** `ashiato verify`: checks the log's hash chain; `--head` signs its head; `--statement` checks a kept one. */
export function registerVerifyCommand(program: Command, env: Env): Command {
  return program
    .command('verify')
    .description("check the event log's hash chain (whole, or from a trusted checkpoint); exits non-zero naming the first broken position")
    .option('--from <position>', 'start after this position, trusting --hash as the hash of its event')
    .option('--hash <hash>', 'the trusted hash of the event at --from (64 hex characters)')
    .option('--head', 'after verifying, print a signed statement of the head (log id, position, hash, time) to keep')
    .option('--statement <file>', 'check a statement printed earlier by --head against the log now')
    .option('--json', 'print the result as JSON (the --head statement is always JSON)')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: VerifyOptions) => {
      const config = eventStoreConfigFromEnv(env);
      refuseMissingLog(config.eventStoreUrl, config.dbPath);
      const store = createEventStore(config);
      try {
        if (opts.statement) await checkStatement(store, opts);
        else if (opts.head) await signHead(store, opts, env);
        else await verifyChain(store, opts);
      } finally {
        await store.close();
      }
    });
}

async function verifyChain(store: EventStore, opts: VerifyOptions): Promise<void> {
  const { fromPosition, trustedHash } = checkpointOption(opts);
  const result = await verifyWithProgress(store, { fromPosition, trustedHash, progress: opts.progress });
  if (!result.ok) throw failure('CHAIN_BROKEN', brokenMessage(result));
  const { logId } = await store.identity();
  if (opts.json)
    return printJson({
      intact: true,
      checked: result.checked,
      ...(fromPosition ? { fromPosition } : {}),
      logId,
      headPosition: result.headPosition,
      headHash: result.headHash,
    });
  stdout(
    `chain intact: ${result.checked} events checked${fromPosition ? ` after position ${fromPosition}` : ''}; log ${logId}, head position ${result.headPosition}, head hash ${result.headHash}`,
  );
}

function checkpointOption(opts: VerifyOptions): { fromPosition?: number; trustedHash?: string } {
  if (opts.from === undefined && opts.hash === undefined) return {};
  if (opts.from === undefined || opts.hash === undefined)
    throw failure('VALIDATION_FAILED', '--from and --hash go together: a position and the hash you trust for it');
  const fromPosition = Number(opts.from);
  if (!Number.isSafeInteger(fromPosition) || fromPosition < 0) throw failure('VALIDATION_FAILED', '--from must be a log position (a whole number ≥ 0)');
  if (!HASH.test(opts.hash)) throw failure('VALIDATION_FAILED', '--hash must be 64 lowercase hex characters');
  return { fromPosition, trustedHash: opts.hash };
}

async function signHead(store: EventStore, opts: VerifyOptions, env: Env): Promise<void> {
  let chainVerified = true;
  try {
    const result = await verifyWithProgress(store, { progress: opts.progress });
    if (!result.ok) throw failure('CHAIN_BROKEN', `${brokenMessage(result)}; no statement is signed for a broken log`);
  } catch (err) {
    if (!(err instanceof ChainUnsupportedError)) throw err;
    stderr('this event store keeps no hash chain: the statement records the head as read, unverified');
    chainVerified = false;
  }
  const identity = await store.identity();
  const statement: HeadStatement = {
    kind: 'ashiato-log-head',
    logId: identity.logId,
    position: identity.headPosition,
    hash: identity.headHash,
    signedAt: new Date().toISOString(),
    chainVerified,
  };
  const { key, source } = loadSigningKey(env);
  const signed = signStatement(statement, key);
  stderr(`signed with ${source} (key ${signed.keyFingerprint})`);
  stdout(JSON.stringify(signed, null, 2));
}

async function checkStatement(store: EventStore, opts: VerifyOptions): Promise<void> {
  let signed: SignedHeadStatement;
  try {
    signed = JSON.parse(readFileSync(opts.statement!, 'utf8')) as SignedHeadStatement;
  } catch {
    throw failure('STATEMENT_UNREADABLE', `cannot read a JSON statement from ${opts.statement}`);
  }
  const { keyFingerprint } = checkSignature(signed);
  const s = signed.statement;
  const identity = await store.identity();
  if (s.logId !== identity.logId) throw failure('STATEMENT_LOG_MISMATCH', `the statement is about log ${s.logId}, this is log ${identity.logId}`);
  const now = await store.hashAt(s.position);
  if (now === null) throw failure('STATEMENT_HASH_MISMATCH', `the log has no event at position ${s.position} any more: events were deleted`);
  if (now !== s.hash)
    throw failure(
      'STATEMENT_HASH_MISMATCH',
      `the event at position ${s.position} no longer has the hash the statement recorded: the log was changed at or before it`,
    );
  try {
    const result = await verifyWithProgress(store, { progress: opts.progress });
    if (!result.ok) throw failure('CHAIN_BROKEN', brokenMessage(result));
  } catch (err) {
    if (!(err instanceof ChainUnsupportedError)) throw err;
    stderr('this event store keeps no hash chain: only the event at the stated position was compared');
  }
  if (opts.json)
    return printJson({
      holds: true,
      keyFingerprint,
      signedAt: s.signedAt,
      logId: s.logId,
      position: s.position,
      hash: s.hash,
      headPosition: identity.headPosition,
    });
  stdout(
    `statement holds: signed by key ${keyFingerprint} at ${formatInstant(s.signedAt, UTC)}; log ${s.logId} still has hash ${s.hash} at position ${s.position}` +
      `; ${identity.headPosition > s.position ? `the log has grown to position ${identity.headPosition} since` : 'nothing appended since'}`,
  );
}
