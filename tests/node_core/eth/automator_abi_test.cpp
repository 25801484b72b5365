// The AVS contract's typed encoders and decoders against viem using the ABI that
// `forge inspect` produced from IFleekAutomator.sol (tests/vectors/eth_vectors.json).
#include <doctest/doctest.h>

#include <set>

#include "eth/automator_abi.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::json;
using automator::eth::test::json_uint;
using automator::eth::test::vectors;

namespace {

address addr(const json& v) { return address::from_hex(v.get<std::string>()); }
uint64_t u64(const json& v) { return to_u64(json_uint(v), "vector"); }
uint32_t u32(const json& v) { return static_cast<uint32_t>(u64(v)); }

bytes encode_call_from_json(const std::string& fn, const json& a) {
  if (fn == "createTask") {
    new_task t;
    t.url = a[0];
    t.method = http_method(u64(a[1]));
    t.body = from_hex(a[2].get<std::string>());
    t.start = u64(a[3]);
    t.interval = u32(a[4]);
    t.count = u32(a[5]);
    t.tolerance = u32(a[6]);
    t.quorum = uint8_t(u64(a[7]));
    t.fee_per_hit = json_uint(a[8]);
    return avs::encode_create_task(t);
  }
  if (fn == "cancelTask") return avs::encode_cancel_task(u64(a[0]));
  if (fn == "getTask") return avs::encode_get_task(u64(a[0]));
  if (fn == "taskCount") return avs::encode_task_count();
  if (fn == "slotState") return avs::encode_slot_state(u64(a[0]), u32(a[1]));
  if (fn == "slotTime") return avs::encode_slot_time(u64(a[0]), u32(a[1]));
  if (fn == "operatorsAt") return avs::encode_operators_at(u64(a[0]));
  if (fn == "eligibleOperators") return avs::encode_eligible_operators(u64(a[0]), u32(a[1]));
  if (fn == "missDeadline") return avs::encode_miss_deadline(u64(a[0]), u32(a[1]));
  if (fn == "hitDigest") {
    const json& h = a[0];
    return avs::encode_hit_digest(hit{u64(h["taskId"]), u32(h["slot"]), addr(h["operator"]), u64(h["hitTimeMs"]),
                                      uint16_t(u64(h["status"])), hash32_from_hex(h["responseHash"].get<std::string>())});
  }
  if (fn == "submitHits") {
    std::vector<signed_hit> hits;
    for (const auto& h : a[0])
      hits.push_back(signed_hit{u64(h["taskId"]), u32(h["slot"]), u64(h["hitTimeMs"]), uint16_t(u64(h["status"])),
                                hash32_from_hex(h["responseHash"].get<std::string>()),
                                from_hex(h["signatures"].get<std::string>())});
    return avs::encode_submit_hits(hits);
  }
  if (fn == "reportMissed") return avs::encode_report_missed(u64(a[0]), u32(a[1]));
  if (fn == "owed") return avs::encode_owed(addr(a[0]));
  if (fn == "withdraw") return avs::encode_withdraw();
  if (fn == "operatorInfo") return avs::encode_operator_info(addr(a[0]));
  if (fn == "isProxySigner") return avs::encode_is_proxy_signer(addr(a[0]));
  if (fn == "proxySigners") return avs::encode_proxy_signers();
  if (fn == "addProxySigner") return avs::encode_add_proxy_signer(addr(a[0]));
  if (fn == "params") return avs::encode_params();
  throw std::runtime_error("no encoder for " + fn);
}

std::vector<address> addrs(const json& v) {
  std::vector<address> out;
  for (const auto& a : v) out.push_back(addr(a));
  return out;
}

void check_params(const params& p, const json& r) {
  CHECK(p.epoch_length == u64(r["epochLength"]));
  CHECK(p.activation_delay == u64(r["activationDelay"]));
  CHECK(p.redundancy == u64(r["redundancy"]));
  CHECK(p.failover_delay == u64(r["failoverDelay"]));
  CHECK(p.submit_window == u64(r["submitWindow"]));
  CHECK(p.min_tolerance == u64(r["minTolerance"]));
  CHECK(p.max_tolerance == u64(r["maxTolerance"]));
  CHECK(p.max_misses == u64(r["maxMisses"]));
  CHECK(p.slash_wad == u64(r["slashWad"]));
  CHECK(p.max_url_length == u64(r["maxUrlLength"]));
  CHECK(p.max_body_length == u64(r["maxBodyLength"]));
}

void check_result(const std::string& fn, const bytes& data, const json& r) {
  if (fn == "getTask") {
    task t = avs::decode_get_task(data);
    CHECK(t.owner == addr(r["owner"]));
    CHECK(t.start == u64(r["start"]));
    CHECK(t.interval == u64(r["interval"]));
    CHECK(t.count == u64(r["count"]));
    CHECK(t.tolerance == u64(r["tolerance"]));
    CHECK(uint64_t(t.method) == u64(r["method"]));
    CHECK(t.quorum == u64(r["quorum"]));
    CHECK(t.cancelled == r["cancelled"].get<bool>());
    CHECK(t.fee_per_hit == json_uint(r["feePerHit"]));
    CHECK(t.deposit == json_uint(r["deposit"]));
    CHECK(t.proven == u64(r["proven"]));
    CHECK(t.missed == u64(r["missed"]));
    CHECK(t.created_block == u64(r["createdBlock"]));
    CHECK(to_hex(t.target_hash) == r["targetHash"]);
    CHECK(to_hex(t.body_hash) == r["bodyHash"]);
  } else if (fn == "taskCount") {
    CHECK(avs::decode_task_count(data) == u64(r));
  } else if (fn == "slotState") {
    CHECK(uint64_t(avs::decode_slot_state(data)) == u64(r));
  } else if (fn == "slotTime") {
    CHECK(avs::decode_slot_time(data) == u64(r));
  } else if (fn == "operatorsAt") {
    CHECK(avs::decode_operators_at(data) == addrs(r));
  } else if (fn == "eligibleOperators") {
    avs::eligible e = avs::decode_eligible_operators(data);
    CHECK(e.operators == addrs(r[0]));
    REQUIRE(e.earliest.size() == r[1].size());
    for (size_t i = 0; i < e.earliest.size(); ++i) CHECK(e.earliest[i] == u64(r[1][i]));
  } else if (fn == "missDeadline") {
    CHECK(avs::decode_miss_deadline(data) == u64(r));
  } else if (fn == "hitDigest") {
    CHECK(to_hex(avs::decode_hit_digest(data)) == r);
  } else if (fn == "submitHits") {
    CHECK(avs::decode_submit_hits(data) == u64(r));
  } else if (fn == "owed") {
    CHECK(avs::decode_owed(data) == json_uint(r));
  } else if (fn == "operatorInfo") {
    operator_info o = avs::decode_operator_info(data);
    CHECK(o.registered == r["registered"].get<bool>());
    CHECK(o.ejected == r["ejected"].get<bool>());
    CHECK(o.misses == u64(r["misses"]));
    CHECK(o.hits_proven == u64(r["hitsProven"]));
    CHECK(o.fees_earned == json_uint(r["feesEarned"]));
  } else if (fn == "isProxySigner") {
    CHECK(avs::decode_is_proxy_signer(data) == r.get<bool>());
  } else if (fn == "proxySigners") {
    CHECK(avs::decode_proxy_signers(data) == addrs(r));
  } else if (fn == "params") {
    check_params(avs::decode_params(data), r);
  } else {
    FAIL("no decoder for " << fn);
  }
}

void check_event(const std::string& name, const avs::event& e, const json& v) {
  const json& a = v["args"];
  if (name == "TaskCreated") {
    auto& x = std::get<avs::task_created>(e);
    CHECK(x.task == u64(a["taskId"]));
    CHECK(x.owner == addr(a["owner"]));
    CHECK(x.url == a["url"]);
    CHECK(uint64_t(x.method) == u64(a["method"]));
    CHECK(to_hex(x.body) == a["body"]);
    CHECK(x.start == u64(a["start"]));
    CHECK(x.interval == u64(a["interval"]));
    CHECK(x.count == u64(a["count"]));
    CHECK(x.tolerance == u64(a["tolerance"]));
    CHECK(x.quorum == u64(a["quorum"]));
    CHECK(x.fee_per_hit == json_uint(a["feePerHit"]));
  } else if (name == "TaskCancelled") {
    auto& x = std::get<avs::task_cancelled>(e);
    CHECK(x.task == u64(a["taskId"]));
    CHECK(x.refund == json_uint(a["refund"]));
  } else if (name == "HitProven") {
    auto& x = std::get<avs::hit_proven>(e);
    CHECK(x.task == u64(a["taskId"]));
    const json& hit = v["unpacked"]; // the fields viem's side packed into packedHit
    CHECK(x.slot == u64(hit["slot"]));
    CHECK(x.hit_time_ms == u64(hit["hitTimeMs"]));
    CHECK(x.status == u64(hit["status"]));
  } else if (name == "HitRejected") {
    auto& x = std::get<avs::hit_rejected>(e);
    CHECK(x.task == u64(a["taskId"]));
    CHECK(x.slot == u64(a["slot"]));
    CHECK(x.operator_ == addr(a["operator"]));
    CHECK(uint64_t(x.reason) == u64(a["reason"]));
  } else if (name == "HitsSubmitted") {
    auto& x = std::get<avs::hits_submitted>(e);
    CHECK(x.operator_ == addr(a["operator"]));
    CHECK(x.accepted == json_uint(a["accepted"]));
    CHECK(x.rejected == json_uint(a["rejected"]));
  } else if (name == "SlotMissed") {
    auto& x = std::get<avs::slot_missed>(e);
    CHECK(x.task == u64(a["taskId"]));
    CHECK(x.slot == u64(a["slot"]));
    CHECK(x.primary == addr(a["primary"]));
    CHECK(x.reporter == addr(a["reporter"]));
    CHECK(x.bounty == json_uint(a["bounty"]));
  } else if (name == "OperatorSlashed") {
    auto& x = std::get<avs::operator_slashed>(e);
    CHECK(x.operator_ == addr(a["operator"]));
    CHECK(x.slash_id == json_uint(a["slashId"]));
    CHECK(x.wad == u64(a["wad"]));
  } else if (name == "OperatorEjected") {
    auto& x = std::get<avs::operator_ejected>(e);
    CHECK(x.operator_ == addr(a["operator"]));
    CHECK(x.misses == u64(a["misses"]));
  } else if (name == "OperatorRegistered") {
    CHECK(std::get<avs::operator_registered>(e).operator_ == addr(a["operator"]));
  } else if (name == "OperatorDeregistered") {
    CHECK(std::get<avs::operator_deregistered>(e).operator_ == addr(a["operator"]));
  } else if (name == "OperatorSetScheduled") {
    auto& x = std::get<avs::operator_set_scheduled>(e);
    CHECK(x.effective_from == u64(a["effectiveFrom"]));
    CHECK(x.operators == addrs(a["operators"]));
  } else if (name == "ProxySignerAdded") {
    CHECK(std::get<avs::proxy_signer_added>(e).signer == addr(a["signer"]));
  } else if (name == "ProxySignerRemoved") {
    CHECK(std::get<avs::proxy_signer_removed>(e).signer == addr(a["signer"]));
  } else if (name == "Withdrawn") {
    auto& x = std::get<avs::withdrawn>(e);
    CHECK(x.account == addr(a["account"]));
    CHECK(x.amount == json_uint(a["amount"]));
  } else if (name == "ParamsUpdated") {
    check_params(std::get<avs::params_updated>(e).p, a["params"]);
  } else {
    FAIL("no check for event " << name);
  }
}

std::vector<hash32> topics_of(const json& v) {
  std::vector<hash32> out;
  for (const auto& t : v) out.push_back(hash32_from_hex(t.get<std::string>()));
  return out;
}

}  // namespace

TEST_CASE("every AVS event and error of the interface is known, with the same signature") {
  const json& itf = vectors("eth_vectors.json")["interface"];
  std::set<std::string> interface_topics, our_topics;
  for (const auto& e : itf["events"]) interface_topics.insert(e["topic0"].get<std::string>());
  for (const auto& t : avs::event_topics()) our_topics.insert(to_hex(t));
  CHECK(our_topics == interface_topics);
  std::set<std::string> interface_errors, our_errors;
  for (const auto& e : itf["errors"]) interface_errors.insert(e["selector"].get<std::string>());
  for (const auto& sig : avs::error_signatures()) {
    auto s = abi::selector(sig);
    our_errors.insert(to_hex(bytes(s.begin(), s.end())));
  }
  CHECK(our_errors == interface_errors);
  CHECK(to_hex(avs::topic_of("HitProven")) == to_hex(abi::event_topic(avs::event_declarations()[2])));
  CHECK_THROWS_WITH_AS(avs::topic_of("NoSuchEvent"), doctest::Contains("unknown AVS event"), error);
}

TEST_CASE("AVS calldata matches viem") {
  for (const auto& v : vectors("eth_vectors.json")["calls"]) {
    std::string fn = v["function"];
    CAPTURE(fn);
    CHECK(to_hex(encode_call_from_json(fn, v["args"])) == v["calldata"]);
  }
}

TEST_CASE("AVS return data decodes like viem encoded it") {
  for (const auto& v : vectors("eth_vectors.json")["results"]) {
    std::string fn = v["function"];
    CAPTURE(fn);
    check_result(fn, from_hex(v["data"].get<std::string>()), v["result"]);
  }
}

TEST_CASE("AVS events decode") {
  for (const auto& v : vectors("eth_vectors.json")["events"]) {
    std::string name = v["event"];
    CAPTURE(name);
    auto e = avs::decode_event(topics_of(v["topics"]), from_hex(v["data"].get<std::string>()));
    REQUIRE(e.has_value());
    check_event(name, *e, v);
  }
}

TEST_CASE("unknown and malformed AVS logs") {
  CHECK_FALSE(avs::decode_event({}, {}).has_value());
  CHECK_FALSE(avs::decode_event({abi::event_topic("Transfer(address,address,uint256)")}, {}).has_value());
  const json& proven = vectors("eth_vectors.json")["events"][2];
  REQUIRE(proven["event"] == "HitProven");
  bytes data = from_hex(proven["data"].get<std::string>());
  data.pop_back();
  CHECK_THROWS_WITH_AS(avs::decode_event(topics_of(proven["topics"]), data),
                       doctest::Contains("malformed HitProven log"), error);
  CHECK_THROWS_WITH_AS(avs::decode_event(topics_of(proven["topics"]), abi::encode("uint256", {u256(1) << 112})),
                       doctest::Contains("packedHit 5192296858534827628530496329220096 has bits above 111 set"), error);
  const json& rejected = vectors("eth_vectors.json")["events"][3];
  REQUIRE(rejected["event"] == "HitRejected");
  CHECK_THROWS_WITH_AS(avs::decode_event(topics_of(rejected["topics"]), abi::encode("uint8", {9u})),
                       doctest::Contains("HitRejected reason value 9 is out of range"), error);
}

TEST_CASE("AVS revert data is readable") {
  for (const auto& v : vectors("eth_vectors.json")["errors"])
    CHECK(avs::decode_revert(from_hex(v["data"].get<std::string>())).to_string() == v["text"]);
}

TEST_CASE("decoders name the function on malformed return data") {
  CHECK_THROWS_WITH_AS(avs::decode_get_task(bytes(64, 0)), doctest::Contains("getTask returned malformed data"), error);
  CHECK_THROWS_WITH_AS(avs::decode_slot_state(abi::encode("uint8", {3u})), doctest::Contains("slotState value 3"), error);
  CHECK_THROWS_WITH_AS(avs::decode_task_count(bytes(32, 0xff)), doctest::Contains("exceeds 2^64-1"), error);
}
