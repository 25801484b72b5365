// Nesting bound and short descriptions of untrusted JSON (see json_limits.hpp).
#include "net/json_limits.hpp"

namespace automator::net {

std::size_t json_nesting(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

nlohmann::json parse_bounded_json(std::string_view text, std::string& why, std::size_t max_depth) {
  if (json_nesting(text, max_depth) > max_depth) {
    why = "nests deeper than " + std::to_string(max_depth) + " levels";
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  why = value.is_discarded() ? "not JSON" : "";
  return value;
}

std::string describe(const nlohmann::json& value, std::size_t max_chars) {
  auto cut = [&](std::string s) {
    return s.size() <= max_chars ? s : s.substr(0, max_chars) + "...";
  };
  switch (value.type()) {
    case nlohmann::json::value_t::array:
      return "an array of " + std::to_string(value.size()) + (value.size() == 1 ? " item" : " items");
    case nlohmann::json::value_t::object: {
      if (value.empty()) return "an empty object";
      std::string keys;
      for (auto it = value.begin(); it != value.end() && keys.size() <= max_chars; ++it)
        keys += (keys.empty() ? "" : ", ") + nlohmann::json(it.key()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return cut("an object with keys " + keys);
    }
    case nlohmann::json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      return nlohmann::json(s.substr(0, max_chars)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + (s.size() > max_chars ? "..." : "");
    }
    case nlohmann::json::value_t::discarded: return "no value";
    default: return cut(value.dump());  // a scalar: dump() does not recurse
  }
}

}  // namespace automator::net
