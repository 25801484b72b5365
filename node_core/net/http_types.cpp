// Header lookup shared by the HTTP client and server types.
#include "net/http_types.hpp"

#include <strings.h>

namespace automator::net {

std::string_view find_header(const header_list& headers, std::string_view name) noexcept {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), name.size()) == 0)
      return value;
  }
  return {};
}

}  // namespace automator::net
