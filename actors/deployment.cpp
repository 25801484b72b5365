// Reads the deployment JSON (see deployment.hpp).
#include "actors/deployment.hpp"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace automator {

deployment load_deployment(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw std::runtime_error("cannot read the deployment file " + file.string());
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (!doc.is_object())
    throw std::runtime_error("the deployment file " + file.string() + " is not a JSON object");
  auto field = [&](const char* name) -> const nlohmann::json& {
    auto it = doc.find(name);
    if (it == doc.end())
      throw std::runtime_error("the deployment file " + file.string() + " has no \"" + name +
                               "\" field");
    return *it;
  };
  deployment d;
  try {
    d.chain_id = field("chainId").get<uint64_t>();
    d.automator = eth::address::from_hex(field("automator").get<std::string>());
    if (doc.contains("deployBlock"))
      d.deploy_block = doc["deployBlock"].get<uint64_t>();
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("the deployment file " + file.string() + " is malformed: " + e.what());
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("the deployment file " + file.string() + " is malformed: " + e.what());
  }
  return d;
}

} // namespace automator
