// Loading of the deployment JSON.
#include "deployment.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_error.hpp"

namespace automator::cli {

deployment deployment::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw cli_error("deployment file " + file.string() + ": cannot be opened (pass --deployment)");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw cli_error("deployment file " + file.string() + ": not valid JSON (" + e.what() + ")");
  }
  auto field = [&](const char* name) -> const nlohmann::json& {
    if (!j.is_object() || !j.contains(name)) throw cli_error("deployment file " + file.string() + ": no \"" + name + "\"");
    return j[name];
  };
  auto addr = [&](const char* name) {
    try {
      return eth::address::from_hex(field(name).get<std::string>());
    } catch (const std::exception& e) {
      throw cli_error("deployment file " + file.string() + ": \"" + name + "\": " + e.what());
    }
  };
  auto number = [&](const char* name) {
    const nlohmann::json& v = field(name);
    if (!v.is_number_unsigned()) throw cli_error("deployment file " + file.string() + ": \"" + name + "\" is not a number");
    return v.get<uint64_t>();
  };
  deployment d;
  d.chain_id = number("chainId");
  d.automator = addr("automator");
  d.allocation_manager = addr("allocationManager");
  d.delegation_manager = addr("delegationManager");
  d.strategy = addr("strategy");
  if (j.contains("strategyManager")) d.strategy_manager = addr("strategyManager");
  d.operator_set_id = static_cast<uint32_t>(number("operatorSetId"));
  d.deploy_block = number("deployBlock");
  return d;
}

}  // namespace automator::cli
