// The CLI's view of the deployment JSON, read by eth::read_deployment_file (see deployment.hpp).
#include "deployment.hpp"

#include "cli_error.hpp"
#include "eth/deployment_file.hpp"

namespace automator::cli {

deployment deployment::load(const std::filesystem::path& file) {
  try {
    const eth::deployment_file f = eth::read_deployment_file(file);
    deployment d;
    d.chain_id = f.chain_id;
    d.automator = f.automator;
    d.allocation_manager = f.need(f.allocation_manager, "allocationManager");
    d.delegation_manager = f.need(f.delegation_manager, "delegationManager");
    d.strategy = f.need(f.strategy, "strategy");
    d.strategy_manager = f.strategy_manager;
    d.operator_set_id = f.need(f.operator_set_id, "operatorSetId");
    d.deploy_block = f.need(f.deploy_block, "deployBlock");
    return d;
  } catch (const eth::deployment_error& e) {
    const bool unreadable = e.what_kind() == eth::deployment_error::kind::unreadable;
    throw cli_error(std::string(e.what()) + (unreadable ? " (pass --deployment)" : ""));
  }
}

}  // namespace automator::cli
