// The portal's connection to the chain: a public client for reads through the configured RPC,
// and a wallet for transactions, either the browser's injected wallet (window.ethereum) or, on
// a devnet only, the funded dev key from the config.
import { createPublicClient, createWalletClient, custom, defineChain, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export function chainOf(config) {
  const rpc = new URL(config.rpcUrl, location.href).href;
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  });
}

export function createReader(config) {
  const chain = chainOf(config);
  return createPublicClient({ chain, transport: http(chain.rpcUrls.default.http[0], { retryCount: 0, timeout: 8000 }), pollingInterval: 500 });
}

/** The dev account of a devnet config, or null. */
export function devWallet(config) {
  if (!config.devAccountKey) return null;
  const account = privateKeyToAccount(config.devAccountKey);
  const chain = chainOf(config);
  const client = createWalletClient({ account, chain, transport: http(chain.rpcUrls.default.http[0], { retryCount: 0 }) });
  return { kind: 'dev', account, address: account.address, client };
}

/**
 * Follows the injected wallet: `onAccount(address|null)` when the user switches or disconnects
 * accounts; a chain switch reloads the page, as wallets recommend, so nothing mixes two chains.
 */
export function followInjected(onAccount) {
  window.ethereum?.on?.('accountsChanged', (accounts) => onAccount(accounts[0] ?? null));
  window.ethereum?.on?.('chainChanged', () => location.reload());
}

/** Asks the injected wallet for an account and the config's chain. */
export async function injectedWallet(config) {
  if (!window.ethereum) throw new Error('No browser wallet found: install one (e.g. MetaMask) to send transactions.');
  const chain = chainOf(config);
  const client = createWalletClient({ chain, transport: custom(window.ethereum) });
  const [address] = await client.requestAddresses();
  if ((await client.getChainId()) !== chain.id) {
    try {
      await client.switchChain({ id: chain.id });
    } catch {
      await client.addChain({ chain });
    }
  }
  return { kind: 'injected', account: address, address, client };
}
