// The node's view of the deployment JSON, read by eth::read_deployment_file (see deployment.hpp).
#include "actors/deployment.hpp"

#include "eth/deployment_file.hpp"

namespace automator {

deployment load_deployment(const std::filesystem::path& file) {
  const eth::deployment_file f = eth::read_deployment_file(file);
  return deployment{f.chain_id, f.automator, f.deploy_block.value_or(0)};
}

} // namespace automator
