// Function selectors, calldata, event topics and log decoding, and revert data decoding.
#include "eth/abi.hpp"
#include "eth/abi_text.hpp"
#include "eth/keccak.hpp"

namespace automator::eth::abi {
namespace {

// A parsed "name(type [indexed] [name], ...)" declaration.
struct declaration {
  std::string name;
  std::vector<type> types;
  std::vector<bool> indexed;

  std::string canonical() const {
    std::string s = name + "(";
    for (size_t i = 0; i < types.size(); ++i) s += (i ? "," : "") + types[i].canonical();
    return s + ")";
  }
};

declaration parse_declaration(std::string_view decl) {
  std::string_view s = text::trim(decl);
  size_t open = s.find('(');
  if (open == std::string_view::npos || open == 0 || s.back() != ')')
    throw error("abi: bad signature \"" + std::string(decl) + "\": expected name(type,...)");
  declaration d;
  d.name = std::string(text::trim(s.substr(0, open)));
  std::string_view params = s.substr(open + 1, s.size() - open - 2);
  if (text::trim(params).empty()) return d;
  for (std::string_view param : text::split_top_level(params)) {
    param = text::trim(param);
    // The type ends at the first space outside parentheses; words after it are
    // "indexed" and/or the parameter's name.
    int depth = 0;
    size_t end = 0;
    while (end < param.size() && (depth > 0 || !std::isspace(static_cast<unsigned char>(param[end])))) {
      depth += param[end] == '(' ? 1 : param[end] == ')' ? -1 : 0;
      ++end;
    }
    d.types.push_back(type::parse(param.substr(0, end)));
    std::string_view rest = text::trim(param.substr(end));
    d.indexed.push_back(rest == "indexed" || rest.substr(0, 8) == "indexed ");
  }
  return d;
}

std::string panic_meaning(const u256& code) {
  switch (static_cast<unsigned>(code > 0xff ? 0 : code)) {
    case 0x01: return "assertion failed";
    case 0x11: return "arithmetic overflow";
    case 0x12: return "division by zero";
    case 0x21: return "invalid enum value";
    case 0x22: return "bad storage byte array";
    case 0x31: return "pop on empty array";
    case 0x32: return "array index out of bounds";
    case 0x41: return "out of memory";
    case 0x51: return "call to zero function";
    default: return "unknown panic code";
  }
}

}  // namespace

std::array<uint8_t, 4> selector(std::string_view signature) {
  hash32 h = keccak256(parse_declaration(signature).canonical());
  return {h[0], h[1], h[2], h[3]};
}

bytes encode_call(std::string_view signature, const value::list& args) {
  declaration d = parse_declaration(signature);
  hash32 h = keccak256(d.canonical());
  bytes out(h.begin(), h.begin() + 4);
  bytes body = encode(d.types, args);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

hash32 event_topic(std::string_view declaration) { return keccak256(parse_declaration(declaration).canonical()); }

value::list decode_log(std::string_view decl_text, const std::vector<hash32>& topics, const bytes& log_data) {
  declaration d = parse_declaration(decl_text);
  if (topics.empty() || topics[0] != keccak256(d.canonical()))
    throw error("abi: log is not " + d.name + " (topic0 differs)");
  size_t indexed_count = 0;
  std::vector<type> data_types;
  for (size_t i = 0; i < d.types.size(); ++i) {
    if (d.indexed[i]) ++indexed_count;
    else data_types.push_back(d.types[i]);
  }
  if (topics.size() != 1 + indexed_count)
    throw error("abi: " + d.name + " log has " + std::to_string(topics.size()) + " topics, expected " +
                std::to_string(1 + indexed_count));
  value::list data_values;
  try {
    data_values = decode(data_types, log_data.data(), log_data.size());
  } catch (const error& e) {
    throw error(d.name + " log data: " + e.what());
  }
  value::list out;
  size_t topic = 1, data = 0;
  for (size_t i = 0; i < d.types.size(); ++i) {
    if (!d.indexed[i]) {
      out.push_back(std::move(data_values[data++]));
    } else if (d.types[i].is_dynamic() || d.types[i].k == type::kind::array_t || d.types[i].k == type::kind::tuple_t) {
      out.push_back(value(topics[topic++]));  // only the hash of the value is in the topic
    } else {
      const hash32& t = topics[topic++];
      try {
        out.push_back(decode({d.types[i]}, t.data(), t.size())[0]);
      } catch (const error& e) {
        throw error(d.name + " topic " + std::to_string(topic - 1) + ": " + e.what());
      }
    }
  }
  return out;
}

std::string revert_info::to_string() const {
  if (raw.empty()) return "empty revert data";
  if (name.empty()) {
    if (raw.size() >= 4) return "unknown error " + to_hex(raw.data(), 4) + " (data " + to_hex(raw) + ")";
    return "undecodable revert data " + to_hex(raw);
  }
  if (name == "Panic" && args.size() == 1) {
    const u256& code = args[0].as_uint();
    return "Panic(" + to_quantity(code) + " " + panic_meaning(code) + ")";
  }
  std::string s = name + "(";
  for (size_t i = 0; i < args.size(); ++i) s += (i ? "," : "") + args[i].to_string();
  return s + ")";
}

revert_info decode_revert(const bytes& data, const std::vector<std::string>& custom_errors) {
  revert_info info;
  info.raw = data;
  if (data.size() < 4) return info;
  std::vector<std::string> candidates = {"Error(string)", "Panic(uint256)"};
  candidates.insert(candidates.end(), custom_errors.begin(), custom_errors.end());
  for (const std::string& sig : candidates) {
    declaration d = parse_declaration(sig);
    hash32 h = keccak256(d.canonical());
    if (!std::equal(h.begin(), h.begin() + 4, data.begin())) continue;
    try {
      info.args = decode(d.types, data.data() + 4, data.size() - 4);
      info.name = d.name;
    } catch (const error&) {
      info.args.clear();  // selector matched but the arguments are malformed: report raw bytes
    }
    break;
  }
  return info;
}

}  // namespace automator::eth::abi
