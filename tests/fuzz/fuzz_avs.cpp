// libFuzzer target: the AVS decoders (eth/automator_abi.hpp): event logs, the return data of
// every view the node calls, and revert data. The first byte picks an event (its topic0) or a
// return-data decoder, the second how many more topics follow (32 bytes each), the rest is
// data. Each decoder returns or throws eth::error; decode_revert never throws.
#include <algorithm>

#include "eth/automator_abi.hpp"

using namespace automator::eth;

namespace {

// Every return-data decoder of automator_abi.hpp.
void decode_return(size_t which, const bytes& ret) {
  switch (which) {
    case 0: avs::decode_create_task(ret); break;
    case 1: avs::decode_get_task(ret); break;
    case 2: avs::decode_task_count(ret); break;
    case 3: avs::decode_slot_state(ret); break;
    case 4: avs::decode_slot_time(ret); break;
    case 5: avs::decode_operators_at(ret); break;
    case 6: avs::decode_eligible_operators(ret); break;
    case 7: avs::decode_miss_deadline(ret); break;
    case 8: avs::decode_hit_digest(ret); break;
    case 9: avs::decode_submit_hits(ret); break;
    case 10: avs::decode_owed(ret); break;
    case 11: avs::decode_operator_info(ret); break;
    case 12: avs::decode_is_proxy_signer(ret); break;
    case 13: avs::decode_proxy_signers(ret); break;
    default: avs::decode_params(ret); break;
  }
}
constexpr size_t return_decoders = 15;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const auto& topics0 = avs::event_topics();
  const size_t pick = data[0] % (topics0.size() + return_decoders);
  const size_t extra_topics = std::min<size_t>(data[1] % 4, (size - 2) / 32);
  data += 2;
  size -= 2;
  try {
    if (pick < topics0.size()) {
      std::vector<hash32> topics{topics0[pick]};
      for (size_t i = 0; i < extra_topics; ++i, data += 32, size -= 32) {
        hash32 t;
        std::copy(data, data + 32, t.begin());
        topics.push_back(t);
      }
      avs::decode_event(topics, bytes(data, data + size));
    } else {
      decode_return(pick - topics0.size(), bytes(data, data + size));
    }
  } catch (const error&) {
  }
  avs::decode_revert(bytes(data, data + size));
  return 0;
}
