import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cpuCount: number;
  ramGb: number;
  node: string;
  date: string;
  commit: string;
  /** 1-minute load average when the run started: the machine is shared, so it says how much the figures were disturbed. */
  load: number;
}

export function describeMachine(now = new Date()): Machine {
  const list = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'libs', 'apps'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes in libs/apps)';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    ramGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: now.toISOString(),
    commit,
    load: loadavg()[0],
  };
}
