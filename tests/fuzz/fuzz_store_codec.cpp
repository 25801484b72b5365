// libFuzzer target: the store's record codec (store/record_codec.hpp) and the bounded unpack
// the actors' stored values go through (store/msgpack_value.hpp). Any payload decodes or throws
// store_error, with allocations bounded by the payload (msgpack-c would otherwise allocate for
// whatever sizes a header declares); a decoded batch encodes back to the same payload.
#include <cstdlib>
#include <tuple>

#include "store/msgpack_value.hpp"
#include "store/record_codec.hpp"

using namespace automator::store;

namespace {

template <class F>
void codec(F&& f) {
  try {
    f();
  } catch (const store_error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  codec([&] {
    auto ops = detail::decode_ops(payload, "fuzz");
    // bin and str both decode to bytes, so compare after a second round.
    const std::string encoded = detail::encode_ops(ops);
    if (detail::encode_ops(detail::decode_ops(encoded, "fuzz")) != encoded) std::abort();
  });
  codec([&] { detail::decode_snapshot_header(payload, "fuzz"); });
  // Shapes the actors keep (a proof, a cursor, the operator set).
  codec([&] { unpack<std::tuple<uint64_t, uint32_t, std::string, int64_t, uint16_t, std::string, std::string>>(payload); });
  codec([&] { unpack<std::tuple<uint64_t, std::string>>(payload); });
  codec([&] { unpack<std::vector<std::string>>(payload); });
  return 0;
}
