// The one error type of automator-cli: a message for the user, and whether it was bad usage
// (exit code 2) or a failure while doing the work (exit code 1).
#pragma once

#include <stdexcept>
#include <string>

namespace automator::cli {

class cli_error : public std::runtime_error {
public:
  explicit cli_error(const std::string& message, bool usage = false)
      : std::runtime_error(message), usage_(usage) {}
  bool usage() const { return usage_; }

private:
  bool usage_;
};

/// Bad command-line input.
inline cli_error usage_error(const std::string& message) { return cli_error(message, true); }

}  // namespace automator::cli
