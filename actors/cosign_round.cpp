// The signatures of one quorum hit (see cosign_round.hpp).
#include "actors/cosign_round.hpp"

#include "actors/proof_check.hpp"
#include "eth/secp256k1.hpp"

namespace automator {

cosign_round::cosign_round(const eth::hash32& domain_separator, size_t proxies, uint8_t quorum,
                           size_t first_proxy, proxy_answer first)
  : quorum_(quorum), first_proxy_(first_proxy), first_(std::move(first)), seats_(proxies, seat::free) {
  digest_ = proof_digest(domain_separator, first_.proof);
  first_error_ = record(first_proxy, first_);
}

std::vector<size_t> cosign_round::start() {
  std::vector<size_t> ask;
  for (size_t step = 1; step < seats_.size() && signatures_.size() + ask.size() < quorum_; ++step) {
    size_t proxy = (first_proxy_ + step) % seats_.size();
    seats_[proxy] = seat::asked;
    ask.push_back(proxy);
  }
  return ask;
}

std::optional<std::string> cosign_round::add(size_t proxy, const proxy_answer& answer) {
  auto error = record(proxy, answer);
  if (error)
    seats_[proxy] = seat::out;
  return error;
}

std::optional<std::string> cosign_round::record(size_t proxy, const proxy_answer& answer) {
  eth::address signer;
  try {
    signer = eth::recover_signer(digest_, eth::signature::from_rsv(answer.proof.signatures));
  } catch (const eth::error& e) {
    return std::string("bad signature: ") + e.what();
  }
  if (signer != answer.signer)
    return "the signature over this hit is by " + signer.to_checksum_hex() + ", not by " +
           answer.signer.to_checksum_hex() + " as the proxy says";
  if (signatures_.count(signer))
    return "signer " + signer.to_checksum_hex() + " has signed this hit already";
  signatures_.emplace(signer, answer.proof.signatures);
  seats_[proxy] = seat::signed_;
  return std::nullopt;
}

std::optional<size_t> cosign_round::replace(size_t proxy, bool retryable) {
  seats_[proxy] = retryable ? seat::free : seat::out;
  for (size_t step = 1; step <= seats_.size(); ++step) {
    size_t next = (proxy + step) % seats_.size();
    if (seats_[next] == seat::free) {
      seats_[next] = seat::asked;
      return next;
    }
  }
  return std::nullopt;
}

hit_proof cosign_round::combined() const {
  hit_proof p = first_.proof;
  p.signatures.clear();
  for (const auto& [signer, signature] : signatures_) // std::map: ascending signer
    p.signatures.insert(p.signatures.end(), signature.begin(), signature.end());
  return p;
}

} // namespace automator
