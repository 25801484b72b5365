// Solidity ABI encoding and decoding with a small dynamic value model: types are written as
// in Solidity signatures ("uint256", "address[]", "(uint256,bytes)[]"), values are abi::value.
// Covers uint<N>, int<N>, address, bool, bytes<N>, bytes, string, T[], T[k] and tuples.
#pragma once

#include <type_traits>
#include <variant>

#include "eth/u256.hpp"

namespace automator::eth::abi {

/// A parsed ABI type.
struct type {
  enum class kind { uint_t, int_t, address_t, bool_t, fixed_bytes_t, bytes_t, string_t, array_t, tuple_t };
  kind k = kind::uint_t;
  unsigned size = 256;  // bits for uint/int, byte count for bytes<N>, length of T[k] (0 for T[])
  std::vector<type> components;  // array: the element type; tuple: the members

  /// Parses one type, e.g. "uint32", "(uint256,bytes)[]"; throws eth::error naming the bad type.
  static type parse(std::string_view text);
  /// The canonical spelling used in signatures ("uint" becomes "uint256").
  std::string canonical() const;
  bool is_dynamic() const;
};

/// Parses a comma-separated type list ("uint256,uint32"; "" is the empty list).
std::vector<type> parse_types(std::string_view list);

/// A value of any ABI type:
///   uint<N>      -> u256
///   int<N>       -> u256 holding the two's complement 256-bit word (see from_int)
///   address      -> address
///   bool         -> bool
///   bytes<N>, bytes -> bytes (bytes<N> must have exactly N bytes)
///   string       -> std::string
///   arrays, tuples -> value::list
/// A single array or tuple argument must be wrapped: encode("uint8[]", {abi::value(list)});
/// the braces in {list} would copy the list itself (C++ list-initialization rules).
class value {
public:
  using list = std::vector<value>;
  using variant = std::variant<u256, bool, address, bytes, std::string, list>;

  value() : v_(u256(0)) {}
  value(const u256& x) : v_(x) {}
  template <typename I, typename = std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>>
  value(I x) : v_(u256(static_cast<uint64_t>(x))) {
    if (x < 0) throw error("abi: negative integer given as uint; use abi::from_int for int<N>");
  }
  value(bool x) : v_(x) {}
  value(const address& x) : v_(x) {}
  value(bytes x) : v_(std::move(x)) {}
  value(const hash32& x) : v_(bytes(x.begin(), x.end())) {}
  value(std::string x) : v_(std::move(x)) {}
  value(const char* x) : v_(std::string(x)) {}
  value(list x) : v_(std::move(x)) {}

  /// Accessors throw eth::error("abi: expected <kind>, got <kind>") on a kind mismatch.
  const u256& as_uint() const;
  uint64_t as_u64() const;  // also throws if the value does not fit 64 bits
  bool as_bool() const;
  const address& as_address() const;
  const bytes& as_bytes() const;
  hash32 as_hash32() const;  // a bytes32 value
  const std::string& as_string() const;
  const list& as_list() const;

  const variant& get() const { return v_; }
  /// Human-readable form for logs and error messages ("42", "0xAbC…", "[1,2]", "\"text\"").
  std::string to_string() const;

private:
  variant v_;
};

/// The two's complement word for a signed value of an int<N> type.
u256 from_int(int64_t v);

/// abi.encode(values...) for the given types. Throws eth::error naming the position and the
/// expected type when a value does not fit its type (wrong kind, too big, wrong length).
bytes encode(const std::vector<type>& types, const value::list& values);
bytes encode(std::string_view types, const value::list& values);

/// abi.decode(data, (types...)). Throws eth::error for truncated data, out-of-range offsets,
/// dirty or missing padding (of static words and of bytes/string tails), values that do not
/// fit their type, or offsets that overlap so the data would decode to more than twice its
/// size (a decoding bomb); never std::bad_alloc.
value::list decode(const std::vector<type>& types, const uint8_t* data, size_t size);
value::list decode(std::string_view types, const bytes& data);

/// First 4 bytes of keccak256 of a canonical signature like "cancelTask(uint256)".
std::array<uint8_t, 4> selector(std::string_view signature);
/// Selector followed by abi.encode(args) for the parameter types in the signature.
bytes encode_call(std::string_view signature, const value::list& args);

/// topic0 of an event. Accepts a declaration with "indexed" markers and parameter names
/// (they are stripped): "HitProven(uint256 indexed,uint32 indexed,address indexed,uint64,uint16)".
hash32 event_topic(std::string_view declaration);

/// Decodes a log's topics and data (as in net::log_entry) against a declaration as for
/// event_topic, returning the parameters in declaration order. Indexed dynamic parameters come
/// back as their 32-byte topic hash. Throws eth::error if topic0 differs, the topic count is
/// wrong or the data is malformed.
value::list decode_log(std::string_view declaration, const std::vector<hash32>& topics, const bytes& data);

/// A decoded revert: the error's name and arguments.
struct revert_info {
  std::string name;  // "Error", "Panic", a custom error's name, or "" when not decodable
  value::list args;
  bytes raw;         // the revert data as returned
  /// "UnknownTask(7)", "Error(\"too late\")", "Panic(0x11 arithmetic overflow)",
  /// "unknown error 0x12345678", "empty revert data".
  std::string to_string() const;
};

/// Decodes revert data. Error(string) and Panic(uint256) are built in; `custom_errors` are
/// signatures such as "UnknownTask(uint256)" matched by selector. Never throws: data that does
/// not decode yields name "" and a to_string() that shows the raw bytes.
revert_info decode_revert(const bytes& data, const std::vector<std::string>& custom_errors = {});

}  // namespace automator::eth::abi
