// The seam between the HTTP caller and the Automation Proxies: one asynchronous request per
// call to one chosen proxy, either for a hit (the proxy calls the target and signs) or for a
// co-signature of a hit another proxy signed (quorum tasks). http_proxy_client implements it
// over node_core/net's pooled HTTP client; the simulator implements it with a model proxy.
// The callback may run on any thread, exactly once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "eth/bytes.hpp"
#include "messages/proof_messages.hpp"
#include "net/result.hpp"

namespace automator {

/// One proxy's answer: the hit with that proxy's single signature, and the signer the proxy
/// names (the HTTP caller checks it against the signature where the order of signers matters).
struct proxy_answer {
  hit_proof proof;
  eth::address signer;
  /// Why the target call failed, for a status-0 hit (the proxy's `call.reason`, e.g. "dns",
  /// "timeout", "reset"; "unknown" from a proxy that does not say); empty otherwise. Not signed.
  std::string reason;
};

/// The body of a proxy POST (docs/proofs.md; proxy/README.md "Quorum tasks").
struct hit_request {
  uint64_t chain_id = 0;
  eth::address contract;
  uint64_t task_id = 0;
  uint32_t slot = 0;
  eth::address operator_address;
  size_t proxy = 0; // which proxy to ask: 0 <= proxy < proxy_client::proxy_count()
  /// Set: ask the proxy to co-sign this hit, signed by another proxy, instead of calling the
  /// target. The answer must be by a different signer over exactly this hit.
  std::optional<proxy_answer> cosign;
};

/// Why a request failed, and whether trying again inside the slot's window can help.
struct proxy_error {
  bool retryable = false;
  std::string message; // names the proxy URL and what went wrong
};

class proxy_client {
public:
  using callback = std::function<void(net::result<proxy_answer, proxy_error>)>;

  virtual ~proxy_client() = default;
  /// How many distinct proxies the client can ask; a quorum-k task needs k of them.
  virtual size_t proxy_count() const = 0;
  virtual void request_hit(const hit_request& request, std::chrono::milliseconds timeout,
                           callback cb) = 0;
};

} // namespace automator
