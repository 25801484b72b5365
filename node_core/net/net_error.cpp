// Names of the transport error codes.
#include "net/net_error.hpp"

namespace automator::net {

const char* to_string(net_errc code) noexcept {
  switch (code) {
    case net_errc::invalid_url: return "invalid_url";
    case net_errc::invalid_request: return "invalid_request";
    case net_errc::resolve_failed: return "resolve_failed";
    case net_errc::connect_failed: return "connect_failed";
    case net_errc::tls: return "tls";
    case net_errc::timeout: return "timeout";
    case net_errc::write_failed: return "write_failed";
    case net_errc::read_failed: return "read_failed";
    case net_errc::malformed_response: return "malformed_response";
    case net_errc::body_too_large: return "body_too_large";
    case net_errc::queue_full: return "queue_full";
    case net_errc::shutting_down: return "shutting_down";
  }
  return "unknown";
}

}  // namespace automator::net
