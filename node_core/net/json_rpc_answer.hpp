// The checks that turn a JSON-RPC answer (an HTTP result and its body) into a call's result or
// an rpc_error naming the method, the endpoint and the failing layer. Separate from the client
// so the checks can be tested and fuzzed without sockets; json_rpc_client calls them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_client.hpp"
#include "net/rpc_error.hpp"

namespace automator::net {

using json = nlohmann::json;
using rpc_result = result<json, rpc_error>;
/// One entry per call of the batch, in the order of the calls.
using rpc_batch_result = result<std::vector<rpc_result>, rpc_error>;

/// Context for error messages: "eth_call at http://host:port/".
struct rpc_call_site {
  std::string method;
  std::string endpoint;

  rpc_error error(rpc_errc kind, const std::string& what, unsigned status = 0) const;
};

/// The answer to one call with request id `id`: the HTTP verdict, the body parsed as JSON
/// (nesting bounded by max_json_depth), then the JSON-RPC response object.
rpc_result interpret_answer(const rpc_call_site& site, std::uint64_t id, const http_result& answer);

/// The answer to a batch: `whole` names the batch, `sites[i]` and `ids[i]` the calls. The
/// outer result fails only when the batch as a whole failed.
rpc_batch_result interpret_batch_answer(const rpc_call_site& whole, const std::vector<rpc_call_site>& sites,
                                        const std::vector<std::uint64_t>& ids, const http_result& answer);

}  // namespace automator::net
