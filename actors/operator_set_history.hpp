// The operator sets announced by OperatorSetScheduled, by the unix second they take effect, so
// the scheduler can use the set in effect at each slot's due time T(k).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "eth/bytes.hpp"
#include "messages/chain_messages.hpp"

namespace automator {

class operator_set_history {
public:
  /// Records (or replaces) the set that takes effect at `change.effective_from`.
  void add(const operator_set_scheduled& change);

  /// The set in effect at unix second `t` (empty if none was announced for `t` yet).
  const std::vector<eth::address>& at(uint64_t t) const;

  /// All announced sets, oldest first (for persisting them).
  std::vector<operator_set_scheduled> all() const;

private:
  std::map<uint64_t, std::vector<eth::address>> sets_;
};

} // namespace automator
