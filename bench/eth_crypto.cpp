// Cost of the node_core/eth operations on the node's hot paths: hashing, signing, signer
// recovery (the prover checks every proof), Hit digests, slot assignment (the scheduler plans
// every slot) and submitHits calldata. Prints one table row per operation.
#include <chrono>
#include <cstdio>
#include <functional>

#include "eth/automator_abi.hpp"
#include "eth/eip1559_tx.hpp"
#include "eth/eip712_hit.hpp"
#include "eth/keccak.hpp"
#include "eth/secp256k1.hpp"
#include "eth/slot_assignment.hpp"

using namespace automator::eth;

namespace {

// Runs `op` repeatedly for about half a second; returns nanoseconds per call.
double measure(const std::function<void(uint64_t)>& op) {
  using clock = std::chrono::steady_clock;
  uint64_t n = 0, batch = 16;
  auto start = clock::now();
  while (clock::now() - start < std::chrono::milliseconds(500)) {
    for (uint64_t i = 0; i < batch; ++i) op(n++);
    batch *= 2;
  }
  return std::chrono::duration<double, std::nano>(clock::now() - start).count() / double(n);
}

void row(const char* name, double ns) { std::printf("| %-40s | %12.0f | %12.0f |\n", name, ns, 1e9 / ns); }

volatile uint8_t sink;  // keeps results observable so the work is not optimized away

}  // namespace

int main() {
  private_key key = private_key::from_hex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  bytes kib(1024, 0xab);
  hash32 digest = keccak256(kib);
  signature sig = key.sign(digest);
  hit_domain domain{31337, key.get_address()};
  hash32 separator = domain.separator();
  std::vector<address> operators(16);
  for (size_t i = 0; i < operators.size(); ++i) operators[i].data[0] = uint8_t(i * 16);
  std::vector<signed_hit> hits(100, signed_hit{7, 0, 1700000000000, 200, digest, sig.to_rsv()});
  eip1559_tx tx{31337, 5, 1000000000, 3000000000, 500000, key.get_address(), 0, avs::encode_submit_hits(hits)};

  std::printf("| %-40s | %12s | %12s |\n", "operation", "ns/op", "ops/s");
  std::printf("|%s|%s|%s|\n", std::string(42, '-').c_str(), std::string(14, '-').c_str(), std::string(14, '-').c_str());
  row("keccak256, 32 bytes", measure([&](uint64_t i) { sink = keccak256(digest)[i % 32]; }));
  row("keccak256, 1 KiB", measure([&](uint64_t i) { sink = keccak256(kib)[i % 32]; }));
  row("sign digest (secp256k1, RFC 6979)", measure([&](uint64_t i) {
        digest[0] = uint8_t(i);
        sink = key.sign(digest).r[0];
      }));
  row("recover signer from digest + signature", measure([&](uint64_t) { sink = recover_signer(digest, sig).data[0]; }));
  row("Hit digest (EIP-712)", measure([&](uint64_t i) {
        sink = hit_digest(separator, hit{i, uint32_t(i), key.get_address(), 1700000000000, 200, digest})[0];
      }));
  row("slot operators (16 operators, R = 3)",
      measure([&](uint64_t i) { sink = slot_operators(i, uint32_t(i), operators, 3)[0].data[0]; }));
  row("submitHits calldata, 100 hits", measure([&](uint64_t) { sink = avs::encode_submit_hits(hits)[4]; }));
  row("sign EIP-1559 tx with 100-hit calldata", measure([&](uint64_t i) {
        tx.nonce = i;
        sink = sign(tx, key).raw[0];
      }));
  return 0;
}
