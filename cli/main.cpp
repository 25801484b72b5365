// automator-cli: register an operator and create, cancel, list and inspect tasks of the
// Fleek Automator AVS contract. Talks only to the contract, over JSON-RPC.
#include <iostream>

#include "cli_error.hpp"
#include "command_env.hpp"

using namespace automator::cli;

namespace {

const char* const usage = R"(usage: automator-cli COMMAND [options]

commands:
  register-operator [--stake-wei N] [--allocation-delay BLOCKS] [--metadata-uri URI]
                    [--mine] [--max-wait 10m]
      join the AVS's operator set through the EigenLayer core: register as an operator,
      deposit stake, allocate it, wait for the allocation delay, register for the set
      (re-runnable; --mine mines the wait away on a local anvil)
  deregister-operator [--deallocate]
      leave the operator set (the core keeps the operator slashable for DEALLOCATION_DELAY
      blocks); --deallocate also frees the allocated magnitude
  status [--operator ADDRESS]
      the operator on the core (shares, allocation, slashable stake, membership) and in the
      AVS (assignment, misses, fees); the address of --key-file by default
  create-task --url URL --every 10s (--for 10d | --count N) [--start now|+30s|UNIX]
              [--tolerance 2s] [--method GET] [--body TEXT] [--quorum 1] [--fee-wei 0]
      register a schedule; pays fee-wei * runs as the deposit
  cancel-task ID          cancel a task and refund its unspent deposit
  list-tasks [--owner ADDRESS]
  show-task ID [--from SLOT] [--limit 20]
      a task and the state, due time and operators of its slots

options of every command:
  --rpc URL               JSON-RPC endpoint (default http://127.0.0.1:8545)
  --deployment FILE       deployment JSON (default deploy/out/deployment-31337.json)
  --key-file FILE         file holding the hex private key (commands that send transactions)

durations: 90 (seconds), 10s, 5m, 2h, 10d. "now" starts a few seconds from now.
)";

int run(const arguments& args) {
  const auto& pos = args.positional();
  if (args.flag("help") || pos.empty() || pos[0] == "help") {
    std::cout << usage;
    return pos.empty() && !args.flag("help") ? 2 : 0;
  }
  const std::string& command = pos[0];
  using handler = int (*)(command_env&);
  const std::map<std::string, handler> operator_commands = {
      {"register-operator", register_operator}, {"deregister-operator", deregister_operator}, {"status", operator_status}};
  if (auto op = operator_commands.find(command); op != operator_commands.end()) {
    command_env env(args, operator_revert_errors());
    return op->second(env);
  }
  const std::map<std::string, handler> commands = {
      {"create-task", create_task}, {"cancel-task", cancel_task}, {"list-tasks", list_tasks}, {"show-task", show_task}};
  auto it = commands.find(command);
  if (it == commands.end()) throw usage_error("unknown command \"" + command + "\" (see automator-cli --help)");
  command_env env(args);
  return it->second(env);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(arguments(argc, argv, {"help", "mine", "deallocate"}));
  } catch (const cli_error& e) {
    std::cerr << "automator-cli: " << e.what() << "\n";
    return e.usage() ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "automator-cli: " << e.what() << "\n";
    return 1;
  }
}
