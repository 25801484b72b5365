// Proofs as msgpack tuples in the "proofs" collection (see proof_journal.hpp).
#include "actors/proof_journal.hpp"

#include <string>
#include <tuple>

#include "actors/store_keys.hpp"
#include "store/msgpack_value.hpp"

namespace automator {

namespace {

constexpr const char* proofs = "proofs";

using proof_tuple =
  std::tuple<uint64_t, uint32_t, std::string, uint64_t, uint16_t, std::string, std::string>;

template <class Array>
void copy_exact(Array& out, const std::string& in, const char* what) {
  if (in.size() != out.size())
    throw std::runtime_error(std::string("cannot decode stored proof: ") + what + " has " +
                             std::to_string(in.size()) + " bytes");
  std::copy(in.begin(), in.end(), out.begin());
}

} // namespace

proof_journal::proof_journal(std::shared_ptr<store::record_store> store)
  : store_(std::move(store)) {}

std::vector<hit_proof> proof_journal::load() const {
  std::vector<hit_proof> out;
  store_->for_each(proofs, [&](const std::string&, const std::string& value) {
    auto [task, slot, op, time, status, hash, sigs] = store::unpack<proof_tuple>(value, "proof");
    hit_proof p;
    p.ref = slot_ref{task, slot};
    copy_exact(p.operator_address, op, "operator");
    p.hit_time_ms = time;
    p.status = status;
    copy_exact(p.response_hash, hash, "response hash");
    p.signatures.assign(sigs.begin(), sigs.end());
    out.push_back(std::move(p));
  });
  return out;
}

void proof_journal::save(const hit_proof& p) {
  proof_tuple t{p.ref.task_id,
                p.ref.slot,
                std::string(p.operator_address.begin(), p.operator_address.end()),
                p.hit_time_ms,
                p.status,
                std::string(p.response_hash.begin(), p.response_hash.end()),
                std::string(p.signatures.begin(), p.signatures.end())};
  store_->put(proofs, slot_key(p.ref), store::pack(t));
}

void proof_journal::erase(const std::vector<slot_ref>& refs) {
  if (refs.empty())
    return;
  store::write_batch batch;
  for (const auto& ref : refs)
    batch.erase(proofs, slot_key(ref));
  store_->write(batch);
}

} // namespace automator
