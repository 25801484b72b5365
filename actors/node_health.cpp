// Health evaluation and the services list (see node_health.hpp).
#include "actors/node_health.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "actors/eigen_metrics.hpp"

namespace automator {

void node_health::add(std::string id, std::string name, std::string description, std::string group) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (gauges_)
    gauges_->set_check(id, false);
  entries_.push_back({std::move(id), std::move(name), std::move(description), std::move(group)});
}

void node_health::set(const std::string& id, bool up, std::string detail) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& e : entries_)
    if (e.id == id) {
      e.status = up ? check_status::up : check_status::down;
      e.detail = up ? "" : std::move(detail);
      if (gauges_)
        gauges_->set_check(id, up);
      return;
    }
}

bool node_health::has(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::any_of(entries_.begin(), entries_.end(), [&](const entry& e) { return e.id == id; });
}

node_health::verdict node_health::evaluate() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string failing, starting, warnings;
  auto line = [](const entry& e) {
    return e.id + ": " + (e.status == check_status::initializing ? "not checked yet" : e.detail) + "\n";
  };
  std::map<std::string, std::vector<const entry*>> groups;
  for (const auto& e : entries_) {
    if (!e.group.empty()) {
      groups[e.group].push_back(&e);
      continue;
    }
    if (e.status == check_status::down)
      failing += line(e);
    else if (e.status == check_status::initializing)
      starting += line(e);
  }
  for (const auto& [group, members] : groups) {
    auto count = [&](check_status s) {
      return size_t(std::count_if(members.begin(), members.end(), [&](const entry* e) { return e->status == s; }));
    };
    std::string lines;
    for (const auto* e : members)
      if (e->status != check_status::up)
        lines += line(*e);
    if (count(check_status::up) > 0)
      warnings += lines; // another member serves
    else if (count(check_status::down) == members.size())
      failing += "no " + group + " reachable:\n" + lines;
    else
      starting += lines;
  }
  verdict v;
  if (!failing.empty()) {
    v = {503, 503, failing + starting};
  } else if (!starting.empty()) {
    v = {503, 206, "starting:\n" + starting};
  } else {
    v = {200, warnings.empty() ? 200u : 206u, "ok\n"};
  }
  if (!warnings.empty())
    v.text += "partially degraded:\n" + warnings;
  return v;
}

std::string node_health::services_json() const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto services = nlohmann::json::array();
  for (const auto& e : entries_) {
    const char* status = e.status == check_status::up     ? "Up"
                         : e.status == check_status::down ? "Down"
                                                          : "Initializing";
    nlohmann::json s{{"id", e.id}, {"name", e.name}, {"description", e.description}, {"status", status}};
    if (!e.detail.empty())
      s["detail"] = e.detail;
    services.push_back(std::move(s));
  }
  // Details carry RPC and proxy error text: never let invalid UTF-8 throw.
  return nlohmann::json{{"services", services}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<unsigned> node_health::service_status(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : entries_)
    if (e.id == id)
      return e.status == check_status::up ? 200u : e.status == check_status::down ? 503u : 206u;
  return std::nullopt;
}

} // namespace automator
