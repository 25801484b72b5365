// The contract check (see contract_check.hpp).
#include "actors/contract_check.hpp"

#include "eth/automator_abi.hpp"
#include "net/eth_rpc.hpp"
#include "net/json_rpc_client.hpp"

namespace automator {

std::optional<std::string> contract_problem(net::json_rpc_client& rpc, net::eth_rpc& eth,
                                            const eth::address& contract, uint64_t chain_id) {
  const std::string where = contract.to_checksum_hex() + " on chain " + std::to_string(chain_id);
  auto code = rpc.call_sync("eth_getCode", net::json::array({contract.to_checksum_hex(), "latest"}));
  if (!code)
    return "cannot read the code of the contract " + where + ": " + code.error().message;
  if (!code->is_string() || code->get<std::string>().size() <= 2)
    return "no contract code at " + where +
           " (check node.deployment or node.contract: is it this chain's Automator?)";
  net::call_request req;
  req.to = contract;
  req.data = eth::avs::encode_params();
  auto answer = net::wait_for<eth::bytes>([&](auto cb) {
    eth.call(std::move(req), net::block_tag::latest(), cb);
  });
  if (!answer)
    return "the contract " + where + " does not answer the Automator view params(): " +
           answer.error().message;
  try {
    eth::avs::decode_params(*answer);
  } catch (const eth::error& e) {
    return "the contract " + where + " is not an Automator: its params() answer is " + e.what();
  }
  return std::nullopt;
}

} // namespace automator
