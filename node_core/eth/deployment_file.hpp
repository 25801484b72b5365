// The one reader of the deployment JSON the deploy scripts write (deploy/lib/devchain.mjs,
// deploy/lib/realcore.mjs and the public-chain scripts, deploy/out/deployment-<chainId>.json):
// which chain, which contracts, and the block to start following events from. The operator node
// (actors/deployment.hpp) and automator-cli (cli/deployment.hpp) both read it through here, so
// the file's fields and their checks have one home.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "eth/bytes.hpp"

namespace automator::eth {

/// What is wrong with a deployment file; what() names the file and the field.
class deployment_error : public error {
public:
  enum class kind { unreadable, malformed, missing_field };
  deployment_error(kind k, const std::string& message) : error(message), kind_(k) {}
  kind what_kind() const { return kind_; }

private:
  kind kind_;
};

/// The file's fields. chainId and automator are required by every reader; the others are
/// present where the deployment has them (need() for a reader that requires one).
struct deployment_file {
  std::filesystem::path file;
  uint64_t chain_id = 0;
  address automator;
  std::optional<uint64_t> deploy_block;
  std::optional<address> allocation_manager;
  std::optional<address> delegation_manager;
  std::optional<address> strategy;
  std::optional<address> strategy_manager;  // the real core's; the stand-in has none
  std::optional<uint32_t> operator_set_id;

  /// The value of an optional field, or deployment_error (missing_field) naming `name`.
  template <class T>
  const T& need(const std::optional<T>& field, const char* name) const {
    if (!field) throw missing(name);
    return *field;
  }
  deployment_error missing(const char* name) const;
};

/// Reads and checks the file. Throws deployment_error: unreadable ("cannot read the deployment
/// file F: it cannot be opened"), malformed ("the deployment file F is malformed: ..."), or
/// missing_field ("the deployment file F has no "name" field").
deployment_file read_deployment_file(const std::filesystem::path& file);

}  // namespace automator::eth
