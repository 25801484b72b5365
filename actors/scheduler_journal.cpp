// The scheduler's records as msgpack tuples (see scheduler_journal.hpp).
#include "actors/scheduler_journal.hpp"

#include <string>
#include <tuple>

#include "actors/store_keys.hpp"
#include "store/msgpack_value.hpp"

namespace automator {

namespace {

constexpr const char* tasks = "tasks";
constexpr const char* sets = "operator_sets";
constexpr const char* meta = "meta";

using task_tuple = std::tuple<uint64_t, uint64_t, uint32_t, uint32_t, uint32_t, uint8_t, uint64_t>;
using params_tuple = std::tuple<uint32_t, uint32_t, uint8_t, uint32_t, uint32_t>;

} // namespace

scheduler_journal::scheduler_journal(std::shared_ptr<store::record_store> store)
  : store_(std::move(store)) {}

scheduler_journal::snapshot scheduler_journal::load() const {
  snapshot s;
  store_->for_each(tasks, [&](const std::string&, const std::string& value) {
    auto [id, start, interval, count, tolerance, quorum, block] =
      store::unpack<task_tuple>(value, "scheduler task");
    s.tasks.push_back(task_record{id, start, interval, count, tolerance, quorum, block});
  });
  store_->for_each(sets, [&](const std::string& key, const std::string& value) {
    operator_set_scheduled change{u64_from_key(key), {}};
    for (const auto& raw : store::unpack<std::vector<std::string>>(value, "operator set")) {
      if (raw.size() != 20)
        throw std::runtime_error("cannot decode stored operator set: address of " +
                                 std::to_string(raw.size()) + " bytes");
      address20 a;
      std::copy(raw.begin(), raw.end(), a.begin());
      change.operators.push_back(a);
    }
    s.operator_sets.push_back(std::move(change));
  });
  if (auto p = store_->get(meta, "params")) {
    auto [epoch, activation, redundancy, failover, submit] =
      store::unpack<params_tuple>(*p, "scheduler params");
    s.params = protocol_params{epoch, activation, redundancy, failover, submit};
    s.has_params = true;
  }
  if (auto h = store_->get(meta, "handled_through"))
    s.handled_through_ms = store::unpack<int64_t>(*h, "scheduler handled_through");
  return s;
}

void scheduler_journal::save_task(const task_record& t) {
  store_->put(tasks, u64_key(t.id),
              store::pack(task_tuple{t.id, t.start, t.interval, t.count, t.tolerance, t.quorum,
                                     t.block}));
}

void scheduler_journal::erase_tasks(const std::vector<uint64_t>& ids) {
  if (ids.empty())
    return;
  store::write_batch batch;
  for (auto id : ids)
    batch.erase(tasks, u64_key(id));
  store_->write(batch);
}

void scheduler_journal::save_operator_set(const operator_set_scheduled& change) {
  std::vector<std::string> raw;
  for (const auto& a : change.operators)
    raw.emplace_back(a.begin(), a.end());
  store_->put(sets, u64_key(change.effective_from), store::pack(raw));
}

void scheduler_journal::save_params(const protocol_params& p) {
  store_->put(meta, "params",
              store::pack(params_tuple{p.epoch_length, p.activation_delay, p.redundancy,
                                       p.failover_delay, p.submit_window}));
}

void scheduler_journal::save_handled_through(int64_t ms) {
  store_->put(meta, "handled_through", store::pack(ms));
}

} // namespace automator
