// Bounded msgpack unpacking (see msgpack_bounded.hpp).
#include "store/msgpack_bounded.hpp"

#include "store/record_store.hpp"

namespace automator::store::detail {

msgpack::object_handle unpack_bounded(std::string_view bytes) {
  // Each array item takes at least one byte of input and each map entry two, so these limits
  // refuse only sizes the input cannot hold.
  const std::size_t n = bytes.size();
  const msgpack::unpack_limit limit(n, n / 2, n, n, n, max_msgpack_depth);
  std::size_t offset = 0;
  msgpack::object_handle handle;
  try {
    handle = msgpack::unpack(bytes.data(), n, offset, nullptr, nullptr, limit);
  } catch (const msgpack::depth_size_overflow&) {
    throw store_error("nests deeper than " + std::to_string(max_msgpack_depth) + " levels");
  } catch (const msgpack::size_overflow& e) {
    throw store_error(std::string("declares more items or bytes than its ") + std::to_string(n) + " bytes hold (" +
                      e.what() + ")");
  } catch (const std::exception& e) {
    throw store_error(std::string("not msgpack: ") + e.what());
  }
  if (offset != n) throw store_error(std::to_string(n - offset) + " trailing bytes after the msgpack object");
  return handle;
}

}  // namespace automator::store::detail
