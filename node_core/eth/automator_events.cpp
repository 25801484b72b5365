// Decoding of the AVS contract's events and revert data.
#include <algorithm>

#include "eth/automator_abi.hpp"
#include "eth/avs_decoding.hpp"

namespace automator::eth::avs {
namespace {

using namespace decoding;

// Declarations exactly as in IFleekAutomator.sol; enums are uint8, Params is a tuple. The
// order matches the alternatives of avs::event.
const std::vector<std::string> declarations = {
    "TaskCreated(uint256 indexed,address indexed,string,uint8,bytes,uint64,uint32,uint32,uint32,uint8,uint128)",
    "TaskCancelled(uint256 indexed,uint128)",
    "HitProven(uint256 indexed,uint256)",
    "HitRejected(uint256 indexed,uint32 indexed,address indexed,uint8)",
    "HitsSubmitted(address indexed,uint256,uint256)",
    "SlotMissed(uint256 indexed,uint32 indexed,address indexed,address,uint256)",
    "OperatorSlashed(address indexed,uint256,uint64)",
    "OperatorEjected(address indexed,uint32)",
    "OperatorRegistered(address indexed)",
    "OperatorDeregistered(address indexed)",
    "OperatorSetScheduled(uint64,address[])",
    "ProxySignerAdded(address indexed)",
    "ProxySignerRemoved(address indexed)",
    "Withdrawn(address indexed,uint256)",
    std::string("ParamsUpdated(") + std::string(params_tuple) + ")",
    "SlashDeferred(address indexed,uint256 indexed,uint32,bytes4)",
    "SlashSkipped(address indexed,uint256 indexed,uint32,bytes4)",
    "CoreDeregistrationDeferred(address indexed,bytes4)",
};

// Every custom error the AVS can revert with (its own, its libraries', OpenZeppelin's), from the
// compiled FleekAutomator ABI: tests/vectors/generate_eth_vectors.mjs writes the list, and
// contracts/e2e/vectors_current.test.mjs fails when it is stale.
const std::vector<std::string> errors = {
#include "avs_errors.inc"
};

// HitProven's packedHit: slot | status << 32 | hitTimeMs << 48, nothing above bit 111.
hit_proven unpack_hit(task_id task, const u256& packed) {
  if ((packed >> 112) != 0) throw error("packedHit " + to_dec(packed) + " has bits above 111 set");
  auto field = [&](unsigned shift, unsigned bits) {
    return static_cast<uint64_t>((packed >> shift) & ((u256(1) << bits) - 1));
  };
  return hit_proven{task, uint32_t(field(0, 32)), field(48, 64), uint16_t(field(32, 16))};
}

// A bytes4 parameter (a refusal's selector).
std::array<uint8_t, 4> selector_of(const abi::value& v) {
  const bytes& b = v.as_bytes();
  if (b.size() != 4) throw error("expected a bytes4 reason, got " + std::to_string(b.size()) + " bytes");
  return {b[0], b[1], b[2], b[3]};
}

// Builds the event from its decoded parameters (declaration order).
event make_event(size_t which, const abi::value::list& f) {
  switch (which) {
    case 0:
      return task_created{f[0].as_u64(), f[1].as_address(), f[2].as_string(),
                          enum_of<http_method>(f[3], 5, "TaskCreated method"), f[4].as_bytes(), f[5].as_u64(),
                          u32(f[6]), u32(f[7]), u32(f[8]), static_cast<uint8_t>(f[9].as_uint()), f[10].as_uint()};
    case 1: return task_cancelled{f[0].as_u64(), f[1].as_uint()};
    case 2:
      return unpack_hit(f[0].as_u64(), f[1].as_uint());
    case 3:
      return hit_rejected{f[0].as_u64(), u32(f[1]), f[2].as_address(),
                          enum_of<reject_reason>(f[3], 8, "HitRejected reason")};
    case 4: return hits_submitted{f[0].as_address(), f[1].as_uint(), f[2].as_uint()};
    case 5: return slot_missed{f[0].as_u64(), u32(f[1]), f[2].as_address(), f[3].as_address(), f[4].as_uint()};
    case 6: return operator_slashed{f[0].as_address(), f[1].as_uint(), f[2].as_u64()};
    case 7: return operator_ejected{f[0].as_address(), u32(f[1])};
    case 8: return operator_registered{f[0].as_address()};
    case 9: return operator_deregistered{f[0].as_address()};
    case 10: return operator_set_scheduled{f[0].as_u64(), addresses(f[1])};
    case 11: return proxy_signer_added{f[0].as_address()};
    case 12: return proxy_signer_removed{f[0].as_address()};
    case 13: return withdrawn{f[0].as_address(), f[1].as_uint()};
    case 14: return params_updated{params_of(f[0])};
    case 15: return slash_deferred{f[0].as_address(), f[1].as_u64(), u32(f[2]), selector_of(f[3])};
    case 16: return slash_skipped{f[0].as_address(), f[1].as_u64(), u32(f[2]), selector_of(f[3])};
    default: return core_deregistration_deferred{f[0].as_address(), selector_of(f[1])};
  }
}

}  // namespace

const std::vector<std::string>& event_declarations() { return declarations; }

const std::vector<hash32>& event_topics() {
  static const std::vector<hash32> topics = [] {
    std::vector<hash32> t;
    for (const auto& d : declarations) t.push_back(abi::event_topic(d));
    return t;
  }();
  return topics;
}

const hash32& topic_of(std::string_view event_name) {
  for (size_t i = 0; i < declarations.size(); ++i)
    if (std::string_view(declarations[i]).substr(0, declarations[i].find('(')) == event_name)
      return event_topics()[i];
  throw error("unknown AVS event \"" + std::string(event_name) + "\"");
}

std::optional<event> decode_event(const std::vector<hash32>& log_topics, const bytes& data) {
  if (log_topics.empty()) return std::nullopt;
  const auto& known = event_topics();
  auto it = std::find(known.begin(), known.end(), log_topics[0]);
  if (it == known.end()) return std::nullopt;
  size_t which = size_t(it - known.begin());
  try {
    return make_event(which, abi::decode_log(declarations[which], log_topics, data));
  } catch (const error& e) {
    std::string name = declarations[which].substr(0, declarations[which].find('('));
    throw error("malformed " + name + " log: " + e.what());
  }
}

const std::vector<std::string>& error_signatures() { return errors; }

abi::revert_info decode_revert(const bytes& data) { return abi::decode_revert(data, errors); }

}  // namespace automator::eth::avs
