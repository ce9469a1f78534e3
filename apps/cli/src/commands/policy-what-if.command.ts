import type { Env } from '@ashiato/config';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { labelOf, parsePolicy, zoneForRegime, type Lang } from '@ashiato/domain';
import type { WhatIfAnswer } from '@ashiato/projections';
import { at, langOf, say, section, withOutput, type OutputOptions } from '../output/present';
import { AshiatoApiClient, query } from './lineage-api-client';

interface WhatIfOptions extends OutputOptions {
  from?: string;
  limit?: string;
  url?: string;
  key?: string;
}

/** The answer for people: what changes, by code (with its label), recipient and purpose, then the changed flows. */
export function renderWhatIf(a: WhatIfAnswer, lang: Lang = 'en'): string {
  const zone = zoneForRegime(a.draft.regime);
  const lines = [
    say(
      lang,
      `${a.controller}: 草案 ${a.draft.version}（${labelOf('regime', a.draft.regime, lang)}）を ${at(a.from, zone)} 以降に記録された流れに適用`,
      `${a.controller}: draft ${a.draft.version} (${labelOf('regime', a.draft.regime, lang)}) against the flows recorded since ${at(a.from, zone)}`,
    ),
    say(
      lang,
      `${a.flowsJudged} 件の流れを再判定: ${a.flowsChanged} 件が変わる（違反になる ${a.becameViolation} 件、適合になる ${a.becameAllowed} 件）、影響を受ける本人 ${a.subjectsAffected} 人`,
      `${a.flowsJudged} flow(s) judged again: ${a.flowsChanged} would change (${a.becameViolation} become violations, ${a.becameAllowed} become allowed), ${a.subjectsAffected} subject(s) affected`,
    ),
  ];
  const codes = (sign: string, counts: Record<string, number | undefined>) =>
    Object.entries(counts).map(([c, n]) => `  ${sign} ${c} ×${n} — ${labelOf('violation', c, lang)}`);
  lines.push(...codes('+', a.codes.added), ...codes('−', a.codes.removed));
  const tally = [
    ...a.byRecipient.map((r) => [`→ ${r.recipient}`, r.becameViolation, r.becameAllowed, r.codesChanged]),
    ...a.byPurpose.map((p) => [`${say(lang, '目的', 'for')} ${p.purpose}`, p.becameViolation, p.becameAllowed, p.codesChanged]),
  ];
  const judged = (codes: string[]) =>
    codes.length ? codes.map((c) => `${labelOf('violation', c, lang)} (${c})`).join('\n') : labelOf('verdict', 'allowed', lang);
  lines.push(
    // The tally shows whenever a flow changed, even one with neither recipient nor purpose to count it under.
    ...section(
      lang,
      undefined,
      [
        ['提供先 / 利用目的', 'recipient / purpose'],
        ['違反になる', 'become violations'],
        ['適合になる', 'become allowed'],
        ['その他の変化', 'other code changes'],
      ],
      tally,
      a.flowsChanged > 0,
    ),
    ...section(
      lang,
      undefined,
      [
        ['日時', 'occurred'],
        ['流れ', 'flow'],
        ['記録された判定', 'recorded'],
        ['草案での判定', 'under the draft'],
        ['イベント', 'event id'],
      ],
      a.flows.map((f) => [
        at(f.occurredAt, zone),
        `${f.type} ${f.holder}${f.recipient ? ` → ${f.recipient}` : ''}`,
        judged(f.recorded.codes),
        judged(f.draft.codes),
        f.eventId,
      ]),
    ),
  );
  if (a.flows.length && a.truncated)
    lines.push(
      say(lang, `（変わる流れの最初の ${a.flows.length} 件を表示。--limit で増やせます）`, `(first ${a.flows.length} changed flows shown; --limit shows more)`),
    );
  return lines.join('\n');
}

/** `ashiato policy what-if <file>`: how the recorded flows would be judged under a draft (nothing is published). */
export function registerPolicyWhatIfCommand(policy: Command, env: Env): Command {
  return withOutput(
    policy
      .command('what-if')
      .description('judge the recorded flows again under a draft policy (YAML or JSON) and show what would change; nothing is published or appended')
      .argument('<file>', 'draft policy document'),
  )
    .option('--from <instant>', "judge flows from this ISO-8601 instant (default the draft's effectiveFrom)")
    .option('--limit <n>', 'changed flows to list (default 100, at most 1000)')
    .option('--url <url>', 'API base URL (default $ASHIATO_URL, else http://127.0.0.1:$PORT, PORT defaulting to 3000)')
    .option('--key <key>', 'API key with the dpo role (default $ASHIATO_KEY)')
    .action(async (file: string, opts: WhatIfOptions) => {
      const lang = langOf(opts.lang, env);
      const text = readFileSync(file, 'utf8');
      const parsed = parsePolicy(text, extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
      if (!parsed.ok) {
        for (const e of parsed.errors) process.stderr.write(`  ${e.path}: ${e.message}\n`);
        throw new Error(`${file}: ${parsed.errors.length} problem(s) in the draft`);
      }
      const client = new AshiatoApiClient({ url: opts.url, key: opts.key }, env);
      const answer = await client.json<WhatIfAnswer>(
        'POST',
        `/v1/policies/${encodeURIComponent(parsed.policy.controller)}/what-if${query({ from: opts.from, limit: opts.limit })}`,
        parsed.policy,
      );
      process.stdout.write(`${opts.json ? JSON.stringify(answer, null, 2) : renderWhatIf(answer, lang)}\n`);
    });
}
