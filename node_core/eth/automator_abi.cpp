// Calldata encoders and return-data decoders for the AVS contract's functions.
#include "eth/automator_abi.hpp"

#include "eth/avs_decoding.hpp"

namespace automator::eth::avs {
namespace {

using namespace decoding;

constexpr std::string_view task_tuple =
    "(address,uint64,uint32,uint32,uint32,uint8,uint8,bool,uint128,uint128,uint32,uint32,uint64,bytes32,bytes32)";

// Decodes return data, prefixing errors with the function so callers know which call failed.
abi::value::list decode_ret(std::string_view function, std::string_view types, const bytes& ret) {
  try {
    return abi::decode(types, ret);
  } catch (const error& e) {
    throw error(std::string(function) + " returned malformed data: " + e.what());
  }
}

}  // namespace

bytes encode_create_task(const new_task& t) {
  return abi::encode_call("createTask(string,uint8,bytes,uint64,uint32,uint32,uint32,uint8,uint128)",
                          {t.url, uint8_t(t.method), t.body, t.start, t.interval, t.count, t.tolerance, t.quorum,
                           t.fee_per_hit});
}
task_id decode_create_task(const bytes& ret) { return decode_ret("createTask", "uint256", ret)[0].as_u64(); }
bytes encode_cancel_task(task_id id) { return abi::encode_call("cancelTask(uint256)", {id}); }

bytes encode_get_task(task_id id) { return abi::encode_call("getTask(uint256)", {id}); }
task decode_get_task(const bytes& ret) {
  abi::value::list f = decode_ret("getTask", task_tuple, ret)[0].as_list();
  task t;
  t.owner = f[0].as_address();
  t.start = f[1].as_u64();
  t.interval = u32(f[2]);
  t.count = u32(f[3]);
  t.tolerance = u32(f[4]);
  t.method = enum_of<http_method>(f[5], 5, "getTask: method");
  t.quorum = static_cast<uint8_t>(f[6].as_uint());
  t.cancelled = f[7].as_bool();
  t.fee_per_hit = f[8].as_uint();
  t.deposit = f[9].as_uint();
  t.proven = u32(f[10]);
  t.missed = u32(f[11]);
  t.created_block = f[12].as_u64();
  t.target_hash = f[13].as_hash32();
  t.body_hash = f[14].as_hash32();
  return t;
}
bytes encode_task_count() { return abi::encode_call("taskCount()", {}); }
uint64_t decode_task_count(const bytes& ret) { return decode_ret("taskCount", "uint256", ret)[0].as_u64(); }
bytes encode_slot_state(task_id id, uint32_t slot) { return abi::encode_call("slotState(uint256,uint32)", {id, slot}); }
slot_state decode_slot_state(const bytes& ret) {
  return enum_of<slot_state>(decode_ret("slotState", "uint8", ret)[0], 3, "slotState");
}
bytes encode_slot_time(task_id id, uint32_t slot) { return abi::encode_call("slotTime(uint256,uint32)", {id, slot}); }
uint64_t decode_slot_time(const bytes& ret) { return decode_ret("slotTime", "uint64", ret)[0].as_u64(); }

bytes encode_operators_at(uint64_t timestamp) { return abi::encode_call("operatorsAt(uint64)", {timestamp}); }
std::vector<address> decode_operators_at(const bytes& ret) {
  return addresses(decode_ret("operatorsAt", "address[]", ret)[0]);
}
bytes encode_eligible_operators(task_id id, uint32_t slot) {
  return abi::encode_call("eligibleOperators(uint256,uint32)", {id, slot});
}
eligible decode_eligible_operators(const bytes& ret) {
  abi::value::list f = decode_ret("eligibleOperators", "address[],uint64[]", ret);
  eligible e;
  e.operators = addresses(f[0]);
  for (const auto& t : f[1].as_list()) e.earliest.push_back(t.as_u64());
  if (e.operators.size() != e.earliest.size())
    throw error("eligibleOperators returned " + std::to_string(e.operators.size()) + " operators but " +
                std::to_string(e.earliest.size()) + " times");
  return e;
}
bytes encode_miss_deadline(task_id id, uint32_t slot) {
  return abi::encode_call("missDeadline(uint256,uint32)", {id, slot});
}
uint64_t decode_miss_deadline(const bytes& ret) { return decode_ret("missDeadline", "uint64", ret)[0].as_u64(); }

bytes encode_hit_digest(const hit& h) {
  return abi::encode_call("hitDigest((uint256,uint32,address,uint64,uint16,bytes32))",
                          {abi::value(abi::value::list{h.task, h.slot, h.operator_, h.hit_time_ms, h.status, h.response_hash})});
}
hash32 decode_hit_digest(const bytes& ret) { return decode_ret("hitDigest", "bytes32", ret)[0].as_hash32(); }
bytes encode_submit_hits(const std::vector<signed_hit>& hits) {
  abi::value::list items;
  items.reserve(hits.size());
  for (const auto& h : hits)
    items.push_back(abi::value::list{h.task, h.slot, h.hit_time_ms, h.status, h.response_hash, h.signatures});
  return abi::encode_call("submitHits((uint256,uint32,uint64,uint16,bytes32,bytes)[])", {abi::value(std::move(items))});
}
uint64_t decode_submit_hits(const bytes& ret) { return decode_ret("submitHits", "uint256", ret)[0].as_u64(); }
bytes encode_report_missed(task_id id, uint32_t slot) {
  return abi::encode_call("reportMissed(uint256,uint32)", {id, slot});
}

bytes encode_owed(const address& account) { return abi::encode_call("owed(address)", {account}); }
u256 decode_owed(const bytes& ret) { return decode_ret("owed", "uint256", ret)[0].as_uint(); }
bytes encode_withdraw() { return abi::encode_call("withdraw()", {}); }

bytes encode_operator_info(const address& op) { return abi::encode_call("operatorInfo(address)", {op}); }
operator_info decode_operator_info(const bytes& ret) {
  abi::value::list f = decode_ret("operatorInfo", "(bool,bool,uint32,uint32,uint128)", ret)[0].as_list();
  return operator_info{f[0].as_bool(), f[1].as_bool(), u32(f[2]), u32(f[3]), f[4].as_uint()};
}
bytes encode_is_proxy_signer(const address& signer) { return abi::encode_call("isProxySigner(address)", {signer}); }
bool decode_is_proxy_signer(const bytes& ret) { return decode_ret("isProxySigner", "bool", ret)[0].as_bool(); }
bytes encode_proxy_signers() { return abi::encode_call("proxySigners()", {}); }
std::vector<address> decode_proxy_signers(const bytes& ret) {
  return addresses(decode_ret("proxySigners", "address[]", ret)[0]);
}
bytes encode_add_proxy_signer(const address& signer) { return abi::encode_call("addProxySigner(address)", {signer}); }
bytes encode_params() { return abi::encode_call("params()", {}); }
params decode_params(const bytes& ret) {
  return params_of(decode_ret("params", params_tuple, ret)[0]);
}

}  // namespace automator::eth::avs
