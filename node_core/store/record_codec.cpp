// msgpack encoding of store records (see record_codec.hpp). Layout of one operation:
// [0, collection, key, value] for a put, [1, collection, key] for an erase.
#include "store/record_codec.hpp"

#include "store/msgpack_bounded.hpp"

namespace automator::store::detail {
namespace {

constexpr std::uint8_t op_put = 0;
constexpr std::uint8_t op_erase = 1;

[[noreturn]] void corrupt(const std::string& where, const std::string& why) {
  throw store_error("store: corrupt record in " + where + ": " + why);
}

std::string bytes_of(const msgpack::object& o, const std::string& where) {
  if (o.type == msgpack::type::BIN) return std::string(o.via.bin.ptr, o.via.bin.size);
  if (o.type == msgpack::type::STR) return std::string(o.via.str.ptr, o.via.str.size);
  corrupt(where, "expected bytes");
}

void pack_bytes(msgpack::packer<msgpack::sbuffer>& pk, const std::string& bytes) {
  pk.pack_bin(static_cast<std::uint32_t>(bytes.size()));
  pk.pack_bin_body(bytes.data(), static_cast<std::uint32_t>(bytes.size()));
}

}  // namespace

std::string encode_ops(const std::vector<write_batch::op>& ops) {
  msgpack::sbuffer buffer;
  msgpack::packer<msgpack::sbuffer> pk(buffer);
  pk.pack_array(static_cast<std::uint32_t>(ops.size()));
  for (const auto& op : ops) {
    pk.pack_array(op.erase ? 3 : 4);
    pk.pack(op.erase ? op_erase : op_put);
    pk.pack(op.collection);
    pack_bytes(pk, op.key);
    if (!op.erase) pack_bytes(pk, op.value);
  }
  return std::string(buffer.data(), buffer.size());
}

std::vector<write_batch::op> decode_ops(std::string_view payload, const std::string& where) {
  msgpack::object_handle handle;
  try {
    handle = unpack_bounded(payload);
  } catch (const store_error& e) {
    corrupt(where, e.what());
  }
  const msgpack::object& root = handle.get();
  if (root.type != msgpack::type::ARRAY) corrupt(where, "expected an array of operations");
  std::vector<write_batch::op> ops;
  ops.reserve(root.via.array.size);
  for (std::uint32_t i = 0; i < root.via.array.size; ++i) {
    const msgpack::object& item = root.via.array.ptr[i];
    if (item.type != msgpack::type::ARRAY || item.via.array.size < 3)
      corrupt(where, "operation is not an array of 3 or 4 items");
    const msgpack::object* f = item.via.array.ptr;
    if (f[0].type != msgpack::type::POSITIVE_INTEGER || f[0].via.u64 > op_erase)
      corrupt(where, "unknown operation type");
    write_batch::op op;
    op.erase = f[0].via.u64 == op_erase;
    if (item.via.array.size != (op.erase ? 3u : 4u)) corrupt(where, "wrong operation size");
    op.collection = bytes_of(f[1], where);
    op.key = bytes_of(f[2], where);
    if (!op.erase) op.value = bytes_of(f[3], where);
    ops.push_back(std::move(op));
  }
  return ops;
}

std::string encode_snapshot_header(const snapshot_header& header) {
  msgpack::sbuffer buffer;
  msgpack::packer<msgpack::sbuffer> pk(buffer);
  pk.pack_array(2);
  pk.pack(header.generation);
  pk.pack(header.records);
  return std::string(buffer.data(), buffer.size());
}

snapshot_header decode_snapshot_header(std::string_view payload, const std::string& where) {
  std::vector<std::uint64_t> fields;
  try {
    fields = unpack_bounded(payload).get().as<std::vector<std::uint64_t>>();
  } catch (const std::exception& e) {
    corrupt(where, std::string("bad snapshot header: ") + e.what());
  }
  if (fields.size() != 2) corrupt(where, "snapshot header needs 2 fields");
  return {fields[0], fields[1]};
}

}  // namespace automator::store::detail
