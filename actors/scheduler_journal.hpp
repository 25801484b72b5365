// What the scheduler persists (in its own record_store): the task copy, the operator sets, the
// params, and the time up to which every deadline has been handled, so a restart neither loses
// tasks nor fires a slot twice.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "messages/chain_messages.hpp"
#include "store/record_store.hpp"

namespace automator {

class scheduler_journal {
public:
  explicit scheduler_journal(std::shared_ptr<store::record_store> store);

  struct snapshot {
    std::vector<task_record> tasks;
    std::vector<operator_set_scheduled> operator_sets;
    protocol_params params;
    bool has_params = false;
    int64_t handled_through_ms = INT64_MIN;
  };
  /// Everything stored. Throws std::runtime_error naming the record if one does not decode.
  snapshot load() const;

  void save_task(const task_record& t);
  void erase_tasks(const std::vector<uint64_t>& ids);
  void save_operator_set(const operator_set_scheduled& change);
  void save_params(const protocol_params& p);
  void save_handled_through(int64_t ms);

private:
  std::shared_ptr<store::record_store> store_;
};

} // namespace automator
