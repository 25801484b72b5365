// Keccak-256: the sponge over Keccak-f[1600] written out here rather than through a library
// object, because every slot the scheduler or the simulator plans hashes one 64-byte input and
// a library call (object construction, virtual Update/Final, buffering) cost more than the
// permutation itself. tests/vectors/eth_vectors.json checks it against viem, block boundaries
// (135, 136, 137 bytes) included.
#include "eth/keccak.hpp"

#include <cstring>

namespace automator::eth {
namespace {

constexpr size_t rate = 136;  // bytes absorbed per permutation: (1600 - 2 * 256) / 8

constexpr uint64_t round_constants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};

inline uint64_t rotl(uint64_t v, int n) { return (v << n) | (v >> (64 - n)); }

// One round written out lane by lane (theta, then rho and pi into b, chi back into a, iota):
// with constant indices and rotations the compiler keeps it in registers.
void keccak_f1600(uint64_t state[25]) {
  uint64_t a[25];
  std::memcpy(a, state, sizeof a);
  for (int round = 0; round < 24; ++round) {
    const uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20], c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21],
                   c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22], c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23],
                   c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
    const uint64_t d0 = c4 ^ rotl(c1, 1), d1 = c0 ^ rotl(c2, 1), d2 = c1 ^ rotl(c3, 1), d3 = c2 ^ rotl(c4, 1),
                   d4 = c3 ^ rotl(c0, 1);
    uint64_t b[25];
    b[0] = a[0] ^ d0;
    b[10] = rotl(a[1] ^ d1, 1);
    b[20] = rotl(a[2] ^ d2, 62);
    b[5] = rotl(a[3] ^ d3, 28);
    b[15] = rotl(a[4] ^ d4, 27);
    b[16] = rotl(a[5] ^ d0, 36);
    b[1] = rotl(a[6] ^ d1, 44);
    b[11] = rotl(a[7] ^ d2, 6);
    b[21] = rotl(a[8] ^ d3, 55);
    b[6] = rotl(a[9] ^ d4, 20);
    b[7] = rotl(a[10] ^ d0, 3);
    b[17] = rotl(a[11] ^ d1, 10);
    b[2] = rotl(a[12] ^ d2, 43);
    b[12] = rotl(a[13] ^ d3, 25);
    b[22] = rotl(a[14] ^ d4, 39);
    b[23] = rotl(a[15] ^ d0, 41);
    b[8] = rotl(a[16] ^ d1, 45);
    b[18] = rotl(a[17] ^ d2, 15);
    b[3] = rotl(a[18] ^ d3, 21);
    b[13] = rotl(a[19] ^ d4, 8);
    b[14] = rotl(a[20] ^ d0, 18);
    b[24] = rotl(a[21] ^ d1, 2);
    b[9] = rotl(a[22] ^ d2, 61);
    b[19] = rotl(a[23] ^ d3, 56);
    b[4] = rotl(a[24] ^ d4, 14);
    for (int y = 0; y < 25; y += 5) {
      a[y + 0] = b[y + 0] ^ (~b[y + 1] & b[y + 2]);
      a[y + 1] = b[y + 1] ^ (~b[y + 2] & b[y + 3]);
      a[y + 2] = b[y + 2] ^ (~b[y + 3] & b[y + 4]);
      a[y + 3] = b[y + 3] ^ (~b[y + 4] & b[y + 0]);
      a[y + 4] = b[y + 4] ^ (~b[y + 0] & b[y + 1]);
    }
    a[0] ^= round_constants[round];
  }
  std::memcpy(state, a, sizeof a);
}

// Lanes are little-endian 64-bit words of the byte stream.
inline uint64_t load_le(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

void absorb_block(uint64_t s[25], const uint8_t* block) {
  for (size_t i = 0; i < rate / 8; ++i) s[i] ^= load_le(block + 8 * i);
  keccak_f1600(s);
}

}  // namespace

hash32 keccak256(const uint8_t* data, size_t size) {
  uint64_t s[25] = {};
  for (; size >= rate; data += rate, size -= rate) absorb_block(s, data);
  // The last, partial block with Keccak's original padding 0x01 ... 0x80 (not SHA-3's 0x06).
  uint8_t last[rate] = {};
  if (size) std::memcpy(last, data, size);
  last[size] ^= 0x01;
  last[rate - 1] ^= 0x80;
  absorb_block(s, last);
  hash32 out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = uint8_t(s[i / 8] >> (8 * (i % 8)));
  return out;
}

hash32 keccak256(std::string_view text) {
  return keccak256(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

}  // namespace automator::eth
