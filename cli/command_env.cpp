// Setup shared by the commands: deployment, chain connection and key.
#include "command_env.hpp"

#include "cli_error.hpp"

namespace automator::cli {

command_env::command_env(const arguments& a, std::vector<std::string> extra_revert_errors)
    : args(a),
      dep(deployment::load(a.get_or("deployment", "deploy/out/deployment-31337.json"))),
      chain(a.get_or("rpc", "http://127.0.0.1:8545"), std::move(extra_revert_errors)) {
  uint64_t id = chain.chain_id();
  if (id != dep.chain_id)
    throw cli_error("the deployment file is for chain " + std::to_string(dep.chain_id) + " but --rpc " +
                    a.get_or("rpc", "http://127.0.0.1:8545") + " is chain " + std::to_string(id));
}

eth::private_key command_env::key() const {
  try {
    return eth::private_key::from_file(args.required("key-file"));
  } catch (const eth::error& e) {
    throw usage_error(std::string("--key-file: ") + e.what());
  }
}

}  // namespace automator::cli
