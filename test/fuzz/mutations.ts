import { SeededRandom } from '@ashiato/workload';

/** Hostile values and broken serialisations, shared by the input families of inputs.ts. */
/** A hostile value; strings always carry the sentinel. */
export function junk(r: SeededRandom, s: string): unknown {
  switch (r.int(0, 17)) {
    case 0:
      return s;
    case 1:
      return `${s}@example.com`;
    case 2:
      return `+81 90 ${s}`;
    case 3:
      return r.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 4:
      return r.pick([true, false, null]);
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return [s, s];
    case 8:
      return { [`${s}@k`]: s };
    case 9:
      return nest(r.pick([20, 40, 3000]), s);
    case 10:
      return `${s}${'x'.repeat(r.pick([300, 70_000]))}`;
    case 11:
      return `${s}\u0000\ud800é日本\u202e`;
    case 12:
      return r.pick([`9999-12-31T00:00:00Z${s}`, `${s}T00:00:00Z`, '2026-02-30T00:00:00+09:00'.replace('+', s)]);
    case 13:
      return `hmac:${s}`;
    case 14:
      return `<script>${s}</script>`;
    case 15:
      return `${s}'; drop table events; --`;
    case 16:
      return `../../${s}`;
    default:
      return `${s} ${s}`.toUpperCase().toLowerCase();
  }
}

export function nest(depth: number, s: string): unknown {
  let v: unknown = s;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** 1–3 changes to a copy of `base`: a field replaced, removed or added, at the top or one level down. */
export function mutate(r: SeededRandom, base: Record<string, unknown>, s: string): unknown {
  const doc = structuredClone(base);
  for (let n = r.int(1, 3); n > 0; n--) {
    const keys = Object.keys(doc);
    let target: Record<string, unknown> = doc;
    const nested = keys.filter((k) => typeof doc[k] === 'object' && doc[k] !== null && !Array.isArray(doc[k]));
    if (nested.length && r.chance(0.3)) target = doc[r.pick(nested)] as Record<string, unknown>;
    const tkeys = Object.keys(target);
    const op = r.int(0, 9);
    if (op <= 4 && tkeys.length) target[r.pick(tkeys)] = junk(r, s);
    else if (op <= 6 && tkeys.length) delete target[r.pick(tkeys)];
    else if (op === 7) target[r.pick([`${s}@example.com`, `${s}`, '__proto__', 'constructor'])] = junk(r, s);
    else if (op === 8) {
      const arrays = tkeys.filter((k) => Array.isArray(target[k]));
      if (arrays.length) (target[r.pick(arrays)] as unknown[]).push(junk(r, s));
    } else return r.pick([junk(r, s), [doc, doc], `${s}`, null]);
  }
  return doc;
}

/** JSON text, sometimes broken: cut short, a character spliced in, a quote dropped. */
export function serialise(r: SeededRandom, value: unknown, s: string): string {
  const text = JSON.stringify(value) ?? 'null';
  if (!r.chance(0.25)) return text;
  const at = r.int(0, Math.max(0, text.length - 1));
  switch (r.int(0, 3)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return `${text.slice(0, at)}${r.pick(['{', '"', ',', '\\', s, '\u0000'])}${text.slice(at)}`;
    case 2:
      return text.replace('"', '');
    default:
      return `${text}${s}`;
  }
}

/** YAML text broken in the ways YAML can be: aliases to nothing, alias bombs, tags, tabs, deep flows. */
export function brokenYaml(r: SeededRandom, text: string, s: string): string {
  switch (r.int(0, 6)) {
    case 0:
      return text.replace(/^name: .*$/m, `name: *${s}`);
    case 1:
      return `a: &a [${s},${s},${s},${s},${s},${s},${s},${s},${s}]\n${'bcdefgh'
        .split('')
        .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)
        .join('\n')}\n${text}`;
    case 2:
      return text.replace(/^name: .*$/m, `name: !!binary ${s}`).replace(/^version: .*$/m, `version: !!js/function "${s}"`);
    case 3:
      return `${text}\n\tname: ${s}`;
    case 4:
      return `name: ${'['.repeat(r.pick([100, 5000]))}${s}${']'.repeat(r.pick([100, 5000]))}\n${text}`;
    case 5:
      return `? [${s}@example.com]\n: 1\n${text}`;
    default:
      return `${text}\nname: ${s}\n`;
  }
}
