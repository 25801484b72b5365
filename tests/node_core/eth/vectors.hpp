// Test helpers: loading the JSON vectors of tests/vectors and turning their values into
// abi::value according to an ABI type.
#pragma once

#include <nlohmann/json.hpp>

#include "eth/abi.hpp"

namespace automator::eth::test {

using json = nlohmann::json;

/// Parses tests/vectors/<name>; fails the test run with the path if it is missing.
const json& vectors(const std::string& name);

/// A JSON value as written by the generators (integers as numbers or decimal strings, byte
/// strings and addresses as hex, tuples and arrays as arrays) converted to an abi::value.
abi::value to_abi_value(const abi::type& t, const json& v);
abi::value::list to_abi_values(const std::vector<abi::type>& types, const json& values);

/// An integer given as a JSON number or a decimal/hex string.
u256 json_uint(const json& v);

}  // namespace automator::eth::test
