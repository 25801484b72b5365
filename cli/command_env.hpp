// What every command works with: the parsed command line, the deployment, the chain session
// and (for commands that send transactions) the user's key.
#pragma once

#include "arguments.hpp"
#include "chain_session.hpp"
#include "deployment.hpp"

namespace automator::cli {

/// Options every command accepts.
inline const std::set<std::string> common_options = {"rpc", "deployment", "key-file", "help"};

struct command_env {
  const arguments& args;
  deployment dep;
  chain_session chain;

  /// Loads --deployment and connects to --rpc; checks both are the same chain.
  explicit command_env(const arguments& a, std::vector<std::string> extra_revert_errors = {});

  /// The key of --key-file; throws a usage error if the option is missing.
  eth::private_key key() const;
};

/// Custom errors of the EigenLayer core (real and stand-in) for readable reverts in the
/// operator commands.
std::vector<std::string> operator_revert_errors();

int register_operator(command_env& env);
int deregister_operator(command_env& env);
int operator_status(command_env& env);
int create_task(command_env& env);
int cancel_task(command_env& env);
int list_tasks(command_env& env);
int show_task(command_env& env);

}  // namespace automator::cli
