// libFuzzer target: rlp::decode. Any input either decodes or throws eth::error (no crash, no
// other exception, bounded depth), and what decodes re-encodes to the very same bytes (the
// decoder accepts canonical encodings only).
#include <cstdlib>

#include "eth/rlp.hpp"

using namespace automator::eth;

namespace {

bytes encode(const rlp::item& it) {
  if (!it.is_list) return rlp::encode_bytes(it.data);
  std::vector<bytes> parts;
  for (const auto& child : it.items) parts.push_back(encode(child));  // depth <= rlp::max_depth
  return rlp::encode_list(parts);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    rlp::item it = rlp::decode(data, size);
    if (encode(it) != bytes(data, data + size)) std::abort();  // not canonical, yet accepted
    if (!it.is_list) {
      try {
        rlp::to_uint(it);
      } catch (const error&) {
      }
    }
  } catch (const error&) {
  }
  return 0;
}
