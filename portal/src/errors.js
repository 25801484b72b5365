// Turns a failed call or transaction into one sentence a user can act on: the contract's custom
// error decoded by name with its arguments, a rejection in the wallet, or an unreachable RPC.
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, formatEther } from 'viem';

const time = (s) => new Date(Number(s) * 1000).toLocaleString();

/** Readable text for each of IFleekAutomator's custom errors, from its decoded arguments. */
const CONTRACT_ERRORS = {
  ZeroInterval: () => 'The interval must be at least 1 second.',
  ZeroCount: () => 'The task must run at least once.',
  StartInPast: ([start, now]) => `The start (${time(start)}) is before the chain's time (${time(now)}).`,
  ScheduleOverflow: () => 'The schedule runs past the largest time the contract stores.',
  EmptyUrl: () => 'The URL is empty.',
  UrlTooLong: ([length, max]) => `The URL is ${length} bytes; the contract accepts at most ${max}.`,
  BodyTooLong: ([length, max]) => `The body is ${length} bytes; the contract accepts at most ${max}.`,
  ToleranceOutOfBounds: ([t, min, max]) => `Tolerance ${t} s is outside the allowed ${min}..${max} s.`,
  BadQuorum: ([q, signers]) => `Quorum ${q} is not possible with ${signers} registered proxy signer(s).`,
  DepositMismatch: ([sent, required]) => `Sent ${formatEther(sent)} ETH but the deposit must be ${formatEther(required)} ETH.`,
  UnknownTask: ([id]) => `Task #${id} does not exist.`,
  NotTaskOwner: ([id, caller]) => `Only the owner of task #${id} can do this (you are ${caller}).`,
  TaskAlreadyCancelled: ([id]) => `Task #${id} is already cancelled.`,
  SlotOutOfRange: ([id, slot]) => `Task #${id} has no slot ${slot}.`,
  SlotAlreadyResolved: ([id, slot]) => `Slot ${slot} of task #${id} is already proven or reported.`,
  DeadlineNotReached: ([id, slot, deadline]) => `Slot ${slot} of task #${id} can be reported only after ${time(deadline)}.`,
  NoOperators: ([ts]) => `No operator is active at ${time(ts)}: nobody could run this task.`,
  NothingToWithdraw: ([account]) => `${account} has nothing to withdraw.`,
  TransferFailed: ([to, amount]) => `Sending ${formatEther(amount)} ETH to ${to} failed.`,
  InsufficientStake: ([op]) => `Operator ${op} has too little stake.`,
  SignerExists: ([s]) => `${s} is already a proxy signer.`,
  SignerUnknown: ([s]) => `${s} is not a proxy signer.`,
  BadParams: ([reason]) => `Bad parameters: ${reason}.`,
};

/** Sentence for a decoded custom error; unknown names show as Name(arg, ...). */
export function explainContractError(errorName, args = []) {
  const explain = CONTRACT_ERRORS[errorName];
  if (explain) return `${errorName}: ${explain(args)}`;
  return `${errorName}(${args.map(String).join(', ')})`;
}

/** The message of a JSON-RPC error object in `details`, or `details` as it is. */
function rpcDetail(details) {
  try {
    return JSON.parse(details).message ?? details;
  } catch {
    return details;
  }
}

/** One-sentence description of any error thrown by a viem call. */
export function describeError(err) {
  if (err instanceof BaseError) {
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      if (reverted.data?.errorName) return explainContractError(reverted.data.errorName, reverted.data.args ?? []);
      if (reverted.reason) return `Reverted: ${reverted.reason}`;
      return `Reverted without a reason${reverted.signature ? ` (error ${reverted.signature})` : ''}.`;
    }
    if (err.walk((e) => e instanceof UserRejectedRequestError || e?.code === 4001)) {
      return 'You rejected the request in your wallet.';
    }
    if (err.walk((e) => e?.name === 'TimeoutError')) return 'The chain RPC did not answer in time.';
    const http = err.walk((e) => e?.name === 'HttpRequestError');
    if (http) return `The chain RPC did not answer${http.status ? ` (HTTP ${http.status})` : ''}: ${rpcDetail(http.details)}`;
    return err.shortMessage || err.message;
  }
  return err?.message ?? String(err);
}
