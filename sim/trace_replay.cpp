// Trace replay on the contract model, for the differential test against the real contract.
#include "trace_replay.hpp"

#include <stdexcept>

#include "avs_model.hpp"

namespace automator::sim {
namespace {

using nlohmann::json;

const json& field(const json& j, const char* key, const std::string& path) {
  if (!j.is_object() || !j.contains(key)) throw std::runtime_error("trace: " + path + "." + key + ": missing");
  return j.at(key);
}

uint64_t u64(const json& j, const char* key, const std::string& path) {
  const json& v = field(j, key, path);
  if (v.is_number_unsigned()) return v.get<uint64_t>();
  if (v.is_string()) {
    try {
      return std::stoull(v.get<std::string>());
    } catch (const std::exception&) {
    }
  }
  throw std::runtime_error("trace: " + path + "." + key + ": expected a non-negative integer, got " + v.dump());
}

wei amount(const json& j, const char* key, const std::string& path) {
  const json& v = field(j, key, path);
  const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  wei out = 0;
  if (text.empty()) throw std::runtime_error("trace: " + path + "." + key + ": empty amount");
  for (char c : text) {
    if (c < '0' || c > '9') throw std::runtime_error("trace: " + path + "." + key + ": not a decimal amount: " + text);
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  return out;
}

json event_json(const model_event& e) {
  json out = {{"event", to_string(e.what)}};
  switch (e.what) {
    case model_event::kind::task_created:
      out["taskId"] = e.task_id;
      out["owner"] = e.who;
      out["feePerHit"] = to_dec(e.value);
      break;
    case model_event::kind::task_cancelled:
      out["taskId"] = e.task_id;
      out["refund"] = to_dec(e.value);
      break;
    case model_event::kind::hit_proven:
      out.update({{"taskId", e.task_id}, {"slot", e.slot}, {"hitTimeMs", e.a}, {"status", e.b}});
      break;
    case model_event::kind::hit_rejected:
      out.update({{"taskId", e.task_id}, {"slot", e.slot}, {"operator", e.who},
                  {"reason", to_string(static_cast<reject_reason>(e.b))}});
      break;
    case model_event::kind::hits_submitted:
      out.update({{"operator", e.who}, {"accepted", e.a}, {"rejected", e.b}});
      break;
    case model_event::kind::slot_missed:
      out.update({{"taskId", e.task_id}, {"slot", e.slot}, {"primary", e.who}, {"reporter", e.other},
                  {"bounty", to_dec(e.value)}});
      break;
    case model_event::kind::operator_slashed: out.update({{"operator", e.who}, {"wad", e.b}}); break;
    case model_event::kind::operator_ejected: out.update({{"operator", e.who}, {"misses", e.a}}); break;
    case model_event::kind::operator_registered:
    case model_event::kind::operator_deregistered: out["operator"] = e.who; break;
    case model_event::kind::operator_set_scheduled:
      out.update({{"effectiveFrom", e.a}, {"operators", e.operators}});
      break;
  }
  return out;
}

protocol_params read_params(const json& p) {
  protocol_params q;
  q.epoch_length_s = static_cast<uint32_t>(u64(p, "epochLength", "params"));
  q.activation_delay_s = static_cast<uint32_t>(u64(p, "activationDelay", "params"));
  q.redundancy = static_cast<uint32_t>(u64(p, "redundancy", "params"));
  q.failover_delay_s = static_cast<uint32_t>(u64(p, "failoverDelay", "params"));
  q.submit_window_s = static_cast<uint32_t>(u64(p, "submitWindow", "params"));
  q.min_tolerance_s = static_cast<uint32_t>(u64(p, "minTolerance", "params"));
  q.max_tolerance_s = static_cast<uint32_t>(u64(p, "maxTolerance", "params"));
  q.max_misses = static_cast<uint32_t>(u64(p, "maxMisses", "params"));
  q.slash_wad = u64(p, "slashWad", "params");
  if (q.epoch_length_s == 0) throw std::runtime_error("trace: params.epochLength: must be > 0");
  return q;
}

}  // namespace

json replay_trace(const json& trace) {
  const protocol_params params = read_params(field(trace, "params", "trace"));
  avs_model model(params, [](const signed_hit& h, account) { return h.signature == 1; }, true);

  // The operators in effect from `setEffectiveFrom` on, as the deployment registered them.
  const uint64_t operators = u64(trace, "operators", "trace");
  const uint64_t effective = u64(trace, "setEffectiveFrom", "trace");
  if (effective < params.activation_delay_s) throw std::runtime_error("trace: setEffectiveFrom: too early");
  for (account op = 0; op < operators; ++op) model.register_operator(op, 32 * ether, effective - params.activation_delay_s);
  const size_t setup_events = model.events().size();

  json results = json::array();
  const json& calls = field(trace, "calls", "trace");
  if (!calls.is_array()) throw std::runtime_error("trace: calls: must be an array");
  for (size_t i = 0; i < calls.size(); ++i) {
    const json& c = calls[i];
    const std::string path = "calls[" + std::to_string(i) + "]";
    const std::string name = field(c, "call", path).get<std::string>();
    const uint64_t now = u64(c, "at", path);
    const account from = static_cast<account>(u64(c, "from", path));
    try {
      if (name == "createTask") {
        model.create_task(from, u64(c, "start", path), static_cast<uint32_t>(u64(c, "interval", path)),
                          static_cast<uint32_t>(u64(c, "count", path)), static_cast<uint32_t>(u64(c, "tolerance", path)),
                          amount(c, "feePerHit", path), amount(c, "value", path), now);
      } else if (name == "cancelTask") {
        model.cancel_task(u64(c, "taskId", path), from, now);
      } else if (name == "reportMissed") {
        model.report_missed(u64(c, "taskId", path), static_cast<uint32_t>(u64(c, "slot", path)), from, now);
      } else if (name == "submitHits") {
        std::vector<signed_hit> hits;
        const json& list = field(c, "hits", path);
        for (size_t k = 0; k < list.size(); ++k) {
          const std::string hit_path = path + ".hits[" + std::to_string(k) + "]";
          signed_hit h;
          h.task_id = u64(list[k], "taskId", hit_path);
          h.slot = static_cast<uint32_t>(u64(list[k], "slot", hit_path));
          h.hit_time_ms = u64(list[k], "hitTimeMs", hit_path);
          h.status = static_cast<uint16_t>(u64(list[k], "status", hit_path));
          h.signature = field(list[k], "validSignature", hit_path).get<bool>() ? 1 : 0;
          hits.push_back(h);
        }
        model.submit_hits(from, hits, now);
      } else {
        throw std::runtime_error("trace: " + path + ".call: unknown call '" + name + "'");
      }
      results.push_back("ok");
    } catch (const model_revert& e) {
      results.push_back(e.error());
    }
  }

  json events = json::array();
  for (size_t i = setup_events; i < model.events().size(); ++i) events.push_back(event_json(model.events()[i]));

  json tasks = json::array();
  for (uint64_t id = 1; id <= model.task_count(); ++id) {
    const task_record& t = model.task(id);
    json slots = json::array();
    for (uint32_t k = 0; k < t.count; ++k) slots.push_back(static_cast<int>(t.state_of(k)));
    tasks.push_back({{"taskId", id}, {"deposit", to_dec(t.deposit)}, {"proven", t.proven}, {"missed", t.missed},
                     {"cancelled", t.cancelled}, {"slots", slots}});
  }
  json owed = json::object();
  json infos = json::array();
  for (const json& a : field(trace, "accounts", "trace")) {
    const account id = a.get<account>();
    owed[std::to_string(id)] = to_dec(model.owed(id));
  }
  for (account op = 0; op < operators; ++op) {
    const operator_record& o = model.operator_info(op);
    infos.push_back({{"misses", o.misses}, {"hitsProven", o.hits_proven}, {"feesEarned", to_dec(o.fees_earned)},
                     {"ejected", o.ejected}});
  }
  json sets = json::array();
  for (const json& t : field(trace, "operatorsAt", "trace")) sets.push_back(model.operators_at(t.get<uint64_t>()));
  return {{"results", results},
          {"events", events},
          {"state", {{"tasks", tasks}, {"owed", owed}, {"operators", infos}, {"operatorsAt", sets}}}};
}

}  // namespace automator::sim
