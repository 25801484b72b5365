// libFuzzer target: abi::decode and abi::decode_revert. The first input byte picks a type list
// (the shapes the AVS and its callers use, and the shapes of known decoding bombs), the rest is
// the data. Any data decodes or throws eth::error; what decodes encodes back to data that
// decodes to the same values; decode_revert never throws.
#include <cstdlib>

#include "eth/abi.hpp"
#include "eth/automator_abi.hpp"

using namespace automator::eth;

namespace {

const char* const type_lists[] = {
    "uint256",
    "uint8,uint16,uint32,uint64,uint128",
    "int256,int8,int64",
    "address,bool,bool",
    "bytes32,bytes4,bytes1",
    "bytes",
    "bytes,string",
    "uint256[],address[]",
    "uint32[3],bytes",
    "(address,(uint8,string)[]),uint64[][]",
    "string",
    "bytes[]",
    "string[]",
    "uint256[][]",
    "address[]",
    "bytes32[3]",
    "(uint256,bytes)[]",
    "(uint256,uint32,uint64,uint16,bytes32,bytes)[]",
    "uint64,address[]",
    "int8,int256,bool,bytes4",
    "(bytes,string)[2][]",
    "(uint32,uint32,uint8,uint32,uint32,uint32,uint32,uint32,uint64,uint16,uint16)",
    "string,uint8,bytes,uint64,uint32,uint32,uint32,uint8,uint128",
    "(address,uint64,uint32,uint32,uint32,uint8,uint8,bool,uint256,uint256,uint32,uint32,uint64,bytes32,bytes32)",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t n = sizeof type_lists / sizeof type_lists[0];
  static const std::vector<std::vector<abi::type>> types = [&] {
    std::vector<std::vector<abi::type>> t;
    for (size_t i = 0; i < n; ++i) t.push_back(abi::parse_types(type_lists[i]));
    return t;
  }();
  const auto& chosen = types[data[0] % n];
  bytes payload(data + 1, data + size);
  try {
    abi::value::list values = abi::decode(chosen, payload.data(), payload.size());
    bytes again = abi::encode(chosen, values);
    if (abi::value(abi::decode(chosen, again.data(), again.size())).to_string() != abi::value(values).to_string())
      std::abort();
  } catch (const error&) {
  }
  avs::decode_revert(payload);  // documented never to throw
  return 0;
}
