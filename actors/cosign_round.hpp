// The signatures of one quorum-k hit, without CAF: the first proxy's signed hit, which of the
// other proxies are being asked to co-sign it, each co-signature checked by recovering its
// signer over the hit's EIP-712 digest, and the proof with all k signatures in ascending
// signer order (the contract's order) once complete.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "actors/proxy_client.hpp"
#include "eth/bytes.hpp"

namespace automator {

class cosign_round {
public:
  /// `first` came from proxy `first_proxy` of `proxies`; 2 <= quorum <= proxies.
  cosign_round(const eth::hash32& domain_separator, size_t proxies, uint8_t quorum,
               size_t first_proxy, proxy_answer first);

  /// The first signature's check (as add() does it); nullopt when it is good.
  std::optional<std::string> first_error() const { return first_error_; }
  const proxy_answer& first() const { return first_; }

  /// The k-1 proxies to ask first: those after the first proxy, cyclically.
  std::vector<size_t> start();
  /// A co-signature from `proxy`; returns why it does not count (the signature does not
  /// recover to the named signer over this hit, or that signer has signed already).
  std::optional<std::string> add(size_t proxy, const proxy_answer& answer);
  /// `proxy` did not co-sign: it may be asked again if `retryable`. Returns the proxy to ask
  /// instead: the next one after it that is neither signing nor out, itself last.
  std::optional<size_t> replace(size_t proxy, bool retryable);

  bool complete() const { return signatures_.size() == quorum_; }
  /// The hit with the k signatures, ascending by signer; only when complete().
  hit_proof combined() const;

  /// Once given up, answers still in flight are dropped.
  void give_up() { given_up_ = true; }
  bool given_up() const { return given_up_; }

private:
  enum class seat : uint8_t { free, asked, signed_, out };

  std::optional<std::string> record(size_t proxy, const proxy_answer& answer);

  eth::hash32 digest_;
  size_t quorum_;
  size_t first_proxy_;
  proxy_answer first_;
  std::optional<std::string> first_error_;
  std::vector<seat> seats_; // one per proxy
  std::map<eth::address, byte_vector> signatures_;
  bool given_up_ = false;
};

} // namespace automator
