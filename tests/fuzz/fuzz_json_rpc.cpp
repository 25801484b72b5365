// libFuzzer target: the JSON-RPC answer checks (net/json_rpc_answer.hpp) and the eth_* answer
// decoders (net/eth_rpc_decode.hpp). The input is an HTTP body, answered once with status 200
// and once with 503, for a single call and for a batch of two; each result that is JSON is fed
// to every eth_* decoder. Failures must be rpc_errors or rpc_decode_errors: no crash, no other
// exception, no deep recursion whatever the nesting.
#include "net/eth_rpc_decode.hpp"
#include "net/json_rpc_answer.hpp"

using namespace automator::net;

namespace {

template <class F>
void decoder(F&& f) {
  try {
    f();
  } catch (const decode::rpc_decode_error&) {
  }
}

void decode_all(const json& v) {
  decoder([&] { decode::block(v); });
  decoder([&] { decode::log(v); });
  decoder([&] { decode::logs(v); });
  decoder([&] { decode::receipt(v); });
  decoder([&] { decode::fees(v); });
  decoder([&] { decode::quantity(v, "q"); });
  decoder([&] { decode::quantity_u64(v, "q"); });
  decoder([&] { decode::hash(v, "h"); });
  decoder([&] { decode::address(v, "a"); });
  decoder([&] { decode::data(v, "d"); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const rpc_call_site site{"eth_fuzz", "http://127.0.0.1:1/"};
  for (unsigned status : {200u, 503u}) {
    http_response r;
    r.status = status;
    r.body.assign(reinterpret_cast<const char*>(data), size);
    const http_result answer(r);
    rpc_result one = interpret_answer(site, 1, answer);
    if (one.ok()) decode_all(*one);
    rpc_batch_result batch = interpret_batch_answer(site, {site, site}, {1, 2}, answer);
    if (batch.ok())
      for (const auto& entry : *batch)
        if (entry.ok()) decode_all(*entry);
  }
  return 0;
}
