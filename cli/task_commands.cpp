// The task commands: create-task, cancel-task, list-tasks, show-task.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>

#include "cli_error.hpp"
#include "command_env.hpp"
#include "eth/automator_abi.hpp"
#include "eth/slot_assignment.hpp"

namespace automator::cli {
namespace {

// Seconds between "now" and a task's slot 0, so the transaction is mined before its start.
constexpr uint64_t start_margin = 3;

uint64_t now_unix(chain_session& chain) {
  return std::max<uint64_t>(static_cast<uint64_t>(std::time(nullptr)), chain.latest_timestamp());
}

eth::task_id task_id_arg(const command_env& env, const std::string& command) {
  const auto& pos = env.args.positional();
  if (pos.size() != 2) throw usage_error(command + " needs exactly one task id, e.g. " + command + " 3");
  return parse_count(pos[1], UINT64_MAX, "task id");
}

template <typename Event>
std::optional<Event> find_event(const tx_receipt& r, const eth::address& emitter) {
  for (const auto& log : r.logs) {
    if (log.emitter != emitter) continue;
    auto e = eth::avs::decode_event(log.topics, log.data);
    if (e && std::holds_alternative<Event>(*e)) return std::get<Event>(*e);
  }
  return std::nullopt;
}

eth::task get_task(command_env& env, eth::task_id id) {
  eth::task t = eth::avs::decode_get_task(env.chain.call(env.dep.automator, eth::avs::encode_get_task(id)));
  if (t.owner.is_zero()) {
    uint64_t count = eth::avs::decode_task_count(env.chain.call(env.dep.automator, eth::avs::encode_task_count()));
    throw cli_error("task " + std::to_string(id) + " does not exist (task ids run from 1 to " + std::to_string(count) + ")");
  }
  return t;
}

// TaskCreated events (which carry the URL and body) by task id, from the given blocks.
std::map<eth::task_id, eth::avs::task_created> created_events(command_env& env, uint64_t from, uint64_t to) {
  std::map<eth::task_id, eth::avs::task_created> out;
  for (const auto& log : env.chain.logs(env.dep.automator, eth::avs::topic_of("TaskCreated"), from, to)) {
    auto e = eth::avs::decode_event(log.topics, log.data);
    if (e && std::holds_alternative<eth::avs::task_created>(*e)) {
      auto& c = std::get<eth::avs::task_created>(*e);
      out[c.task] = c;
    }
  }
  return out;
}

std::string task_state(const eth::task& t, uint64_t now) {
  if (t.cancelled) return "cancelled";
  if (now < t.start) return "scheduled";
  uint64_t last_due = eth::slot_due_time(t.start, t.interval, t.count - 1);
  return now > last_due + t.tolerance ? "finished" : "active";
}

std::string short_address(const eth::address& a) {
  std::string s = a.to_checksum_hex();
  return s.substr(0, 6) + ".." + s.substr(38);
}

}  // namespace

int create_task(command_env& env) {
  const arguments& a = env.args;
  std::set<std::string> allowed = common_options;
  allowed.insert({"url", "method", "body", "every", "for", "count", "start", "tolerance", "quorum", "fee-wei"});
  a.only(allowed, "create-task");
  if (a.positional().size() != 1) throw usage_error("create-task takes no positional arguments");

  eth::new_task t;
  t.url = check_url(a.required("url"), "--url");
  try {
    t.method = eth::parse_http_method(a.get_or("method", "GET"));
  } catch (const eth::error& e) {
    throw usage_error(std::string("--method: ") + e.what());
  }
  std::string body = a.get_or("body", "");
  t.body.assign(body.begin(), body.end());
  uint64_t every = parse_duration(a.required("every"), "--every");
  if (every > UINT32_MAX) throw usage_error("--every: at most " + std::to_string(UINT32_MAX) + " seconds");
  t.interval = static_cast<uint32_t>(every);
  if (a.get("for").has_value() == a.get("count").has_value())
    throw usage_error("give exactly one of --for (a duration, e.g. 10d) and --count (a number of runs)");
  uint64_t count = a.get("count") ? parse_count(*a.get("count"), UINT32_MAX, "--count")
                                  : parse_duration(*a.get("for"), "--for") / every;
  if (count == 0) throw usage_error("the schedule has no runs: --for is shorter than --every, or --count is 0");
  if (count > UINT32_MAX) throw usage_error("--for: " + std::to_string(count) + " runs exceed the maximum of 2^32-1");
  t.count = static_cast<uint32_t>(count);
  uint64_t tolerance = parse_duration(a.get_or("tolerance", "2s"), "--tolerance");
  if (tolerance > UINT32_MAX) throw usage_error("--tolerance is too large");
  t.tolerance = static_cast<uint32_t>(tolerance);
  t.quorum = static_cast<uint8_t>(parse_count(a.get_or("quorum", "1"), 255, "--quorum"));
  t.fee_per_hit = parse_wei(a.get_or("fee-wei", "0"), "--fee-wei");
  uint64_t now = now_unix(env.chain);
  t.start = parse_start(a.get_or("start", "now"), now + start_margin, "--start");

  eth::private_key key = env.key();
  eth::u256 deposit = t.fee_per_hit * t.count;
  tx_receipt r = env.chain.transact(key, env.dep.automator, eth::avs::encode_create_task(t), deposit, "createTask");
  auto created = find_event<eth::avs::task_created>(r, env.dep.automator);
  if (!created) throw cli_error("createTask: transaction " + eth::to_hex(r.hash) + " emitted no TaskCreated event");
  std::cout << "task " << created->task << " created in tx " << eth::to_hex(r.hash) << " (block " << r.block << ")\n"
            << "  " << eth::to_string(t.method) << " " << t.url << "\n"
            << "  every " << format_duration(t.interval) << ", " << t.count << " runs, from " << format_utc(t.start)
            << " to " << format_utc(t.start + uint64_t(t.count - 1) * t.interval) << ", tolerance "
            << format_duration(t.tolerance) << "\n"
            << "  deposit " << format_wei(deposit) << "\n";
  return 0;
}

int cancel_task(command_env& env) {
  env.args.only(common_options, "cancel-task");
  eth::task_id id = task_id_arg(env, "cancel-task");
  get_task(env, id);  // a clear "does not exist" before spending gas
  eth::private_key key = env.key();
  tx_receipt r = env.chain.transact(key, env.dep.automator, eth::avs::encode_cancel_task(id), 0, "cancelTask");
  auto cancelled = find_event<eth::avs::task_cancelled>(r, env.dep.automator);
  std::cout << "task " << id << " cancelled in tx " << eth::to_hex(r.hash) << " (block " << r.block << ")";
  if (cancelled) std::cout << ", refund " << format_wei(cancelled->refund);
  std::cout << "\n";
  return 0;
}

int list_tasks(command_env& env) {
  std::set<std::string> allowed = common_options;
  allowed.insert("owner");
  env.args.only(allowed, "list-tasks");
  std::optional<eth::address> owner;
  if (auto o = env.args.get("owner")) {
    try {
      owner = eth::address::from_hex(*o);
    } catch (const eth::error& e) {
      throw usage_error(std::string("--owner: ") + e.what());
    }
  }
  uint64_t count = eth::avs::decode_task_count(env.chain.call(env.dep.automator, eth::avs::encode_task_count()));
  if (count == 0) {
    std::cout << "no tasks\n";
    return 0;
  }
  auto created = created_events(env, env.dep.deploy_block, env.chain.latest_block());
  uint64_t now = now_unix(env.chain);
  std::printf("%-5s %-10s %-14s %-8s %-7s %-7s %-7s %-23s %s\n", "ID", "STATE", "OWNER", "EVERY", "RUNS", "PROVEN",
              "MISSED", "START", "URL");
  for (eth::task_id id = 1; id <= count; ++id) {
    eth::task t = get_task(env, id);
    if (owner && t.owner != *owner) continue;
    auto c = created.find(id);
    std::string url = c == created.end() ? "?" : c->second.url;
    std::printf("%-5llu %-10s %-14s %-8s %-7u %-7u %-7u %-23s %s\n", static_cast<unsigned long long>(id),
                task_state(t, now).c_str(), short_address(t.owner).c_str(), format_duration(t.interval).c_str(),
                t.count, t.proven, t.missed, format_utc(t.start).c_str(), url.c_str());
  }
  return 0;
}

int show_task(command_env& env) {
  std::set<std::string> allowed = common_options;
  allowed.insert({"from", "limit"});
  env.args.only(allowed, "show-task");
  eth::task_id id = task_id_arg(env, "show-task");
  eth::task t = get_task(env, id);
  uint64_t now = now_unix(env.chain);
  auto created = created_events(env, t.created_block, t.created_block);

  std::cout << "task " << id << " (" << task_state(t, now) << ")\n";
  if (auto c = created.find(id); c != created.end()) {
    std::cout << "  " << eth::to_string(c->second.method) << " " << c->second.url << "\n";
    if (!c->second.body.empty()) std::cout << "  body: " << std::string(c->second.body.begin(), c->second.body.end()) << "\n";
  }
  std::cout << "  owner " << t.owner.to_checksum_hex() << ", created in block " << t.created_block << "\n"
            << "  every " << format_duration(t.interval) << ", " << t.count << " runs from " << format_utc(t.start)
            << ", tolerance " << format_duration(t.tolerance) << ", quorum " << unsigned(t.quorum) << "\n"
            << "  fee per hit " << format_wei(t.fee_per_hit) << ", deposit left " << format_wei(t.deposit) << "\n"
            << "  proven " << t.proven << ", missed " << t.missed << "\n";

  uint64_t current = now <= t.start ? 0 : std::min<uint64_t>((now - t.start) / t.interval, t.count - 1);
  uint64_t from = env.args.get("from") ? parse_count(*env.args.get("from"), t.count - 1, "--from")
                                       : (current >= 5 ? current - 5 : 0);
  uint64_t limit = parse_count(env.args.get_or("limit", "20"), 10000, "--limit");
  uint64_t to = std::min<uint64_t>(t.count, from + limit);
  std::printf("\n%-8s %-23s %-8s %-42s %s\n", "SLOT", "DUE", "STATE", "PRIMARY", "BACKUPS");
  for (uint64_t k = from; k < to; ++k) {
    uint32_t slot = static_cast<uint32_t>(k);
    eth::slot_state state =
        eth::avs::decode_slot_state(env.chain.call(env.dep.automator, eth::avs::encode_slot_state(id, slot)));
    std::string primary = "-", backups;
    try {
      auto e = eth::avs::decode_eligible_operators(
          env.chain.call(env.dep.automator, eth::avs::encode_eligible_operators(id, slot)));
      if (!e.operators.empty()) primary = e.operators[0].to_checksum_hex();
      for (size_t i = 1; i < e.operators.size(); ++i) backups += (i > 1 ? "," : "") + short_address(e.operators[i]);
    } catch (const cli_error& e) {
      primary = e.what();  // e.g. no operator set in effect at that time
    }
    std::printf("%-8u %-23s %-8s %-42s %s\n", slot, format_utc(eth::slot_due_time(t.start, t.interval, slot)).c_str(),
                eth::to_string(state).c_str(), primary.c_str(), backups.c_str());
  }
  if (to < t.count) std::cout << "(" << t.count - to << " later slots; use --from/--limit)\n";
  return 0;
}

}  // namespace automator::cli
