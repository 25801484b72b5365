// Follows the chain head by polling the latest block, and reports when the RPC stops or starts
// answering again, so the page can show a clear banner instead of silently stale data.

/**
 * @param onBlock(block) called once per new block
 * @param onStatus({ok, error}) called when reachability changes
 * @returns stop()
 */
export function watchHead(client, { pollMs, retryMs = 2000, onBlock, onStatus }) {
  let stopped = false;
  let reachable = null;
  let lastNumber = null;

  async function tick() {
    try {
      const block = await client.getBlock({ blockTag: 'latest' });
      if (reachable !== true) {
        reachable = true;
        onStatus({ ok: true });
      }
      if (block.number !== lastNumber) {
        lastNumber = block.number;
        onBlock(block);
      }
    } catch (error) {
      reachable = false;
      onStatus({ ok: false, error });
    }
    if (!stopped) setTimeout(tick, reachable ? pollMs : retryMs);
  }
  tick();
  return () => {
    stopped = true;
  };
}
