// msgpack encoding of the store's records: a log record is one batch of operations, a
// snapshot is a header (log generation, record count) followed by batches of puts.
// Private to node_core_store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/record_store.hpp"

namespace automator::store::detail {

std::string encode_ops(const std::vector<write_batch::op>& ops);
/// Throws store_error naming `where` if the payload is not a valid batch.
std::vector<write_batch::op> decode_ops(std::string_view payload, const std::string& where);

struct snapshot_header {
  std::uint64_t generation = 0;
  std::uint64_t records = 0;
};
std::string encode_snapshot_header(const snapshot_header& header);
snapshot_header decode_snapshot_header(std::string_view payload, const std::string& where);

}  // namespace automator::store::detail
