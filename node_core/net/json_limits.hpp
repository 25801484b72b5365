// Limits for JSON that comes from outside the node (JSON-RPC answers): a nesting bound checked
// on the text before nlohmann-json builds a tree, and a short, non-recursive description of a
// value for error messages. json::dump() recurses once per nesting level, so a deep answer
// dumped into an error message overflows the stack; describe() never looks below the top level.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace automator::net {

/// Deepest nesting accepted in an answer. Ethereum JSON-RPC answers nest a handful of levels
/// (a receipt's logs' topics are 3), so 64 refuses nothing real.
inline constexpr std::size_t max_json_depth = 64;

/// The nesting depth of the arrays and objects in `text` (brackets outside strings), counted
/// without recursion and without building anything; stops at `limit + 1` once that is reached.
/// Exact for valid JSON; for invalid JSON the parser refuses the text anyway.
std::size_t json_nesting(std::string_view text, std::size_t limit = max_json_depth);

/// Parses `text` if it nests at most `max_depth` levels. Returns a discarded value
/// (is_discarded()) for text that is not JSON or nests deeper, with `why` saying which.
/// Never throws for bad input.
nlohmann::json parse_bounded_json(std::string_view text, std::string& why,
                                  std::size_t max_depth = max_json_depth);

/// A short description of a value for error messages, at most about `max_chars` characters:
/// scalars as JSON text (strings cut), arrays as "an array of N items", objects as "an object
/// with keys a, b, ...". Reads only the top level, so it is safe on any tree.
std::string describe(const nlohmann::json& value, std::size_t max_chars = 80);

}  // namespace automator::net
