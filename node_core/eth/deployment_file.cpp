// Reads the deployment JSON (see deployment_file.hpp).
#include "eth/deployment_file.hpp"

#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

namespace automator::eth {

deployment_error deployment_file::missing(const char* name) const {
  return deployment_error(deployment_error::kind::missing_field,
                          "the deployment file " + file.string() + " has no \"" + name + "\" field");
}

deployment_file read_deployment_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw deployment_error(deployment_error::kind::unreadable,
                           "cannot read the deployment file " + file.string() + ": it cannot be opened");
  auto malformed = [&](const std::string& why) {
    return deployment_error(deployment_error::kind::malformed,
                            "the deployment file " + file.string() + " is malformed: " + why);
  };
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw malformed(std::string("not valid JSON (") + e.what() + ")");
  }
  if (!doc.is_object()) throw malformed("not a JSON object");

  deployment_file d;
  d.file = file;
  auto number = [&](const char* name, uint64_t max) -> std::optional<uint64_t> {
    auto it = doc.find(name);
    if (it == doc.end()) return std::nullopt;
    if (!it->is_number_unsigned() || it->get<uint64_t>() > max)
      throw malformed(std::string("\"") + name + "\" is not a number");
    return it->get<uint64_t>();
  };
  auto addr = [&](const char* name) -> std::optional<address> {
    auto it = doc.find(name);
    if (it == doc.end()) return std::nullopt;
    if (!it->is_string()) throw malformed(std::string("\"") + name + "\" is not a string");
    try {
      return address::from_hex(it->get<std::string>());
    } catch (const std::exception& e) {
      throw malformed(std::string("\"") + name + "\": " + e.what());
    }
  };
  d.chain_id = d.need(number("chainId", std::numeric_limits<uint64_t>::max()), "chainId");
  d.automator = d.need(addr("automator"), "automator");
  d.deploy_block = number("deployBlock", std::numeric_limits<uint64_t>::max());
  d.allocation_manager = addr("allocationManager");
  d.delegation_manager = addr("delegationManager");
  d.strategy = addr("strategy");
  d.strategy_manager = addr("strategyManager");
  if (auto id = number("operatorSetId", std::numeric_limits<uint32_t>::max()))
    d.operator_set_id = static_cast<uint32_t>(*id);
  return d;
}

}  // namespace automator::eth
