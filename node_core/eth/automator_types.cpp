// Names of the AVS enums, for logs, the CLI and parsing user input.
#include "eth/automator_types.hpp"

#include <algorithm>
#include <cctype>

namespace automator::eth {
namespace {

constexpr const char* method_names[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
constexpr const char* slot_state_names[] = {"pending", "proven", "missed"};
constexpr const char* reject_reason_names[] = {"UnknownTask", "TaskCancelled", "SlotOutOfRange", "OutsideTimeWindow",
                                               "AlreadyResolved", "NotEligible", "BadSignature", "TaskPaused"};

template <size_t N>
std::string name_of(const char* const (&names)[N], unsigned i, const char* what) {
  return i < N ? names[i] : std::string("unknown ") + what + " " + std::to_string(i);
}

}  // namespace

std::string to_string(http_method m) { return name_of(method_names, unsigned(m), "method"); }
std::string to_string(slot_state s) { return name_of(slot_state_names, unsigned(s), "slot state"); }
std::string to_string(reject_reason r) { return name_of(reject_reason_names, unsigned(r), "reject reason"); }

http_method parse_http_method(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
  for (unsigned i = 0; i < std::size(method_names); ++i)
    if (upper == method_names[i]) return http_method(i);
  throw error("unknown HTTP method \"" + std::string(name) + "\" (expected GET, POST, PUT, PATCH or DELETE)");
}

}  // namespace automator::eth
