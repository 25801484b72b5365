// Primary and backup operators of a slot (docs/slot-lifecycle.md).
#include "eth/slot_assignment.hpp"

#include <algorithm>
#include <cstdint>

#include "eth/keccak.hpp"

namespace automator::eth {
namespace {

// uint256(keccak256(abi.encode(uint256 taskId, uint32 slot))) mod n, encoded and reduced by
// hand: this runs for every slot the scheduler plans, so it skips the generic ABI encoder and
// 256-bit division.
size_t slot_hash_mod(const u256& id, uint32_t slot, size_t n) {
  uint8_t buf[64] = {};
  hash32 id_word = to_be32(id);
  std::copy(id_word.begin(), id_word.end(), buf);
  for (int i = 0; i < 4; ++i) buf[63 - i] = uint8_t(slot >> (8 * i));
  hash32 h = keccak256(buf, sizeof buf);
  if (n <= UINT32_MAX) {
    // Horner over the eight big-endian 32-bit words: r < n < 2^32, so r * 2^32 + word fits in
    // 64 bits and each step is one native division.
    uint64_t r = 0;
    for (size_t i = 0; i < h.size(); i += 4)
      r = ((r << 32) | uint64_t(h[i]) << 24 | uint64_t(h[i + 1]) << 16 | uint64_t(h[i + 2]) << 8 | h[i + 3]) % n;
    return size_t(r);
  }
  unsigned __int128 r = 0;
  for (uint8_t b : h) r = ((r << 8) | b) % n;
  return size_t(r);
}

}  // namespace

size_t primary_index(const u256& id, uint32_t slot, size_t n) {
  if (n == 0) throw error("slot assignment: the operator set is empty");
  return slot_hash_mod(id, slot, n);
}

std::vector<address> slot_operators(const u256& id, uint32_t slot, const std::vector<address>& operators,
                                    unsigned redundancy) {
  if (operators.empty()) return {};
  size_t n = operators.size();
  size_t ranks = std::min<size_t>(std::max(redundancy, 1u), n);
  // (h + r) % n == (h % n + r) % n, so the 256-bit hash is reduced once.
  size_t first = primary_index(id, slot, n);
  std::vector<address> out;
  out.reserve(ranks);
  for (size_t r = 0; r < ranks; ++r) out.push_back(operators[(first + r) % n]);
  return out;
}

int slot_rank(const u256& id, uint32_t slot, const std::vector<address>& operators, unsigned redundancy,
              const address& me) {
  std::vector<address> ranked = slot_operators(id, slot, operators, redundancy);
  auto it = std::find(ranked.begin(), ranked.end(), me);
  return it == ranked.end() ? -1 : int(it - ranked.begin());
}

}  // namespace automator::eth
