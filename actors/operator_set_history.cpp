// The operator sets by effective time (see operator_set_history.hpp).
#include "actors/operator_set_history.hpp"

namespace automator {

void operator_set_history::add(const operator_set_scheduled& change) {
  std::vector<eth::address> set;
  set.reserve(change.operators.size());
  for (const auto& raw : change.operators)
    set.push_back(eth::address{raw});
  sets_[change.effective_from] = std::move(set);
}

const std::vector<eth::address>& operator_set_history::at(uint64_t t) const {
  static const std::vector<eth::address> none;
  auto it = sets_.upper_bound(t);
  if (it == sets_.begin())
    return none;
  return std::prev(it)->second;
}

std::vector<operator_set_scheduled> operator_set_history::all() const {
  std::vector<operator_set_scheduled> out;
  for (const auto& [from, set] : sets_) {
    operator_set_scheduled change{from, {}};
    for (const auto& a : set)
      change.operators.push_back(a.data);
    out.push_back(std::move(change));
  }
  return out;
}

} // namespace automator
