/**
 * Ports for servers the tests start. They lie below the kernel's ephemeral range (32768-60999 on
 * Linux), so no outgoing connection of any process can hold one, and each Jest worker draws from its
 * own block of 400, so two test files running in parallel never draw the same port.
 */
const drawn = new Set<number>();
const BLOCK = 400;

export function testPort(): number {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1') % 20;
  const base = 12_000 + worker * BLOCK;
  if (drawn.size >= BLOCK) drawn.clear();
  for (;;) {
    const port = base + Math.floor(Math.random() * BLOCK);
    if (!drawn.has(port)) {
      drawn.add(port);
      return port;
    }
  }
}

/** True when a child's stderr says its port was taken, so the caller may retry on another. */
export function portTaken(stderr: string): boolean {
  return /EADDRINUSE/.test(stderr);
}
